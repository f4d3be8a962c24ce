// The seven services of the graph: one name, port and database each.
// Ports are the defaults of `npm start`; every one can be moved by its PORT_<NAME> variable.

export const SUBGRAPH_NAMES = [
  'talent',
  'household',
  'education',
  'health',
  'legal',
  'housing',
  'customs',
] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** The six departments that each add their part to `Talent` (and later `Case`). */
export const DEPARTMENT_NAMES = SUBGRAPH_NAMES.filter(
  (name): name is Exclude<SubgraphName, 'talent'> => name !== 'talent',
);
export type DepartmentName = (typeof DEPARTMENT_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  talent: 4001,
  household: 4002,
  education: 4003,
  health: 4004,
  legal: 4005,
  housing: 4006,
  customs: 4007,
};

export const GATEWAY_DEFAULT_PORT = 4000;

export const envSuffix = (name: SubgraphName): string => name.toUpperCase();

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}
