// What every resolver gets. The viewer is the verified identity of the caller; it is null until
// identity is verified (a later issue), and departments already receive it so access rules can
// be added without changing any resolver signature.
import type { DepartmentName } from './departments';

export type Role = 'coordinator' | 'specialist' | 'department_staff' | 'talent' | 'analyst' | 'service';

export interface Viewer {
  subject: string;
  role: Role;
  department?: DepartmentName;
  talentId?: string;
}

export interface BaseContext {
  /** Follows one request from the gateway to every subgraph (`x-request-id`). */
  requestId: string;
  viewer: Viewer | null;
}
