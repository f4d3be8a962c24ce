// What every resolver gets: the verified identity of the caller (kit/identity.ts) and the request's
// audit trail (kit/audit.ts), which the access rules write to.
import type { AuditTrail } from './audit';
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
  /** Sensitive reads and mutations of this request, handed to the audit archive when it ends. */
  audit: AuditTrail;
  /** Sent by the gateway (kit/representations.ts): the non-key fields of its entity representations are trusted. */
  fromGateway?: boolean;
  /** A caller without a token, by address, as the gateway saw them (kit/representations.ts ANONYMOUS_CLIENT_HEADER). */
  anonymousClient?: string | null;
}
