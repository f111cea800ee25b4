// `clawdoc/plugin`: what a check of your own needs: defineCheck, the types it reads and returns, and the fix helpers.
export { defineCheck, SEVERITIES } from './doctor/api.js';
export type { Check, CheckContext, Finding, FindingDraft, Fix, HostCheck, ProfileCheck, ProfileCheckContext, Severity } from './doctor/api.js';
export type { HostModel, PortPlanEntry, Profile } from './model.js';
export type { LiveModel, LiveProfile, PortOwner } from './attribute/live.js';
export { configSet, openclawFor } from './fixes/commands.js';
