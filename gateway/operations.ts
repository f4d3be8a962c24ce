// Which operation to run is the caller's choice, and a wrong choice is the caller's mistake: an
// operationName the document does not have, several operations without an operationName, or an
// operation type the graph does not offer (it has no subscriptions). Left to @apollo/gateway these
// were HTTP 500 "INVALID_GRAPHQL"; here they are a 400 saying what is wrong.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';

function badRequest(zh: string, en: string): GraphQLError {
  return new GraphQLError(`${zh}（${en}）`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

function operationNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? '(anonymous)'] : []));
}

/** graphql-js's own message for two operations of which one has no name, said in Chinese too. */
const LONE_ANONYMOUS = 'This anonymous operation must be the only defined operation.';

export function operationChoicePlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        // Runs before the access check (listed first in server.ts), so the answer names the real mistake.
        async didResolveOperation({ operation, request, document, schema }) {
          if (!operation) {
            const names = operationNames(document);
            if (request.operationName) {
              throw badRequest(
                `文档中没有名为 "${request.operationName}" 的操作，可选：${names.join('、')}`,
                `the document has no operation named "${request.operationName}"; it has ${names.join(', ')}`,
              );
            }
            throw badRequest(
              `文档含 ${names.length} 个操作（${names.join('、')}），请用 operationName 指明执行哪一个`,
              `the document has ${names.length} operations (${names.join(', ')}): say which to run with operationName`,
            );
          }
          if (!schema.getRootType(operation.operation)) {
            throw badRequest(`本图不提供 ${operation.operation} 操作`, `this graph offers no ${operation.operation} operations`);
          }
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.message === LONE_ANONYMOUS) {
              (error as { message: string }).message = `无名操作必须是文档中唯一的操作，请为每个操作命名并用 operationName 指明执行哪一个（${LONE_ANONYMOUS}）`;
            }
          }
        },
      };
    },
  };
}
