// A V8 CPU profile (.cpuprofile, what `node --cpu-prof` writes) summarised by self time (idle left out): each
// sample is charged to the function on top of the stack, so the top of this list is where the
// CPU actually went.

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  /** The function, with where it is defined (package or file:line). */
  name: string;
  selfMs: number;
  percent: number;
}

/** Where a function lives, short: a package name, or a path inside the project. */
export function shortLocation(url: string, lineNumber: number): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (inPackage) return `${inPackage[1]}/${inPackage[2].split('/').pop()}:${lineNumber + 1}`;
  if (path.startsWith('node:')) return path;
  const project = /\/(bench|gateway|subgraphs|scripts|schema)\/(.*)$/.exec(path);
  return `${project ? `${project[1]}/${project[2]}` : path.split('/').pop()}:${lineNumber + 1}`;
}

export function topSelfTime(profile: CpuProfile, count = 15): SelfTime[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  const charge = (nodeId: number, micros: number) => {
    const node = byNode.get(nodeId);
    // Waiting for I/O is not where the time goes.
    if (!node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = shortLocation(url, lineNumber);
    const key = `${functionName || '(anonymous)'}${location ? ` ${location}` : ''}`;
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + micros);
  };
  if (profile.samples && profile.timeDeltas && profile.samples.length === profile.timeDeltas.length) {
    // Each delta is the time before its sample; the time a sample stands for is the next delta.
    profile.samples.forEach((nodeId, index) => charge(nodeId, profile.timeDeltas![index + 1] ?? 0));
  } else {
    // Older profiles carry hit counts only: spread the profile's span over the hits.
    const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
    const perHit = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
    for (const node of profile.nodes) charge(node.id, (node.hitCount ?? 0) * perHit);
  }
  const total = [...selfMicros.values()].reduce((sum, micros) => sum + micros, 0);
  return [...selfMicros.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, selfMs: micros / 1000, percent: total > 0 ? (micros / total) * 100 : 0 }));
}
