// Who may ask the graph at all (issue 4): a caller without a token may read the service catalog
// and nothing else; introspection is for authenticated staff only. Finer rules — which fields a
// role may see — are each department's own, enforced in its subgraph.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import type { Role, Viewer } from '../subgraphs/kit/context';
import { unauthenticated } from '../subgraphs/kit/identity';

/**
 * Root fields open to anyone: 事项目录 is public information (004 第七条 向社会公布服务内容), and anyone may
 * verify a card (003 九（四）: 相关单位和申领人…核实人才绿卡真伪) — answered yes/no, limited per caller.
 */
const PUBLIC_FIELDS = new Set(['serviceCatalog', 'verifyCard', '__typename']);
const INTROSPECTING_ROLES: readonly Role[] = ['coordinator', 'specialist', 'department_staff', 'analyst'];

export function rootFields(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet);
    return ['…fragment'];
  });
}

export function accessPlugin<Ctx extends { viewer: Viewer | null }>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const fields = operation ? rootFields(operation.selectionSet) : ['…unknown'];
          const viewer = contextValue.viewer;
          if (!viewer && !fields.every((field) => PUBLIC_FIELDS.has(field))) {
            throw unauthenticated('请先登录：除事项目录与人才卡核实外，查询须携带有效身份凭证', 'sign in: everything but the service catalog and card verification needs a valid token');
          }
          const introspects = fields.some((field) => field === '__schema' || field === '__type');
          if (introspects && !INTROSPECTING_ROLES.includes(viewer!.role)) {
            throw new GraphQLError('仅工作人员可查看接口结构（introspection is for staff only）', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
      };
    },
  };
}

/** "Did you mean …?" in a validation error: it names fields the caller may not otherwise know. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Field suggestions would map the schema for a caller who may not see it: they are removed for
 * callers without a token and for talents — everyone who may not introspect — and kept for staff.
 */
export function suggestionPlugin<Ctx extends { viewer: Viewer | null }>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          if (contextValue.viewer && INTROSPECTING_ROLES.includes(contextValue.viewer.role)) return;
          for (const error of errors) (error as { message: string }).message = error.message.replace(SUGGESTION, '');
        },
      };
    },
  };
}
