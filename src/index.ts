// `clawdoc`: the programmatic API, the same pipeline the CLI runs.
export { inspectHost, runDoctor, resolveHost, observeHost, checkHost, planOf, profilesInScope, invocationOf } from './pipeline.js';
export type { InspectOptions, RunDoctorOptions, ObserveOptions, CheckOptions, DoctorResult } from './pipeline.js';
export { builtinChecks } from '../checks/index.js';
export * from './plugin.js';
