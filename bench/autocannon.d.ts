// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    total: number;
  }
  interface RequestStep {
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    /** Called with each answer's body (autocannon reads it only when this is given). */
    onResponse?: (status: number, body: string) => void;
  }
  interface Options {
    url: string;
    requests?: RequestStep[];
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    /** Called with each connection's client as it is made; `setRequests` gives that connection its own list. */
    setupClient?: (client: { setRequests(requests: RequestStep[]): void }) => void;
  }
  interface Result {
    /** `sent`: requests sent, answered or not by the end. */
    requests: Histogram & { sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
