// Types for the untyped parse-prometheus-text-format (prom2json's shape), as the Prometheus tests use it.
declare module 'parse-prometheus-text-format' {
  interface MetricFamily {
    name: string;
    help: string;
    type: string;
    metrics: Array<{ labels?: Record<string, string>; value: string }>;
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
