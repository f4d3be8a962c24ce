// Dates checked at the gateway. The supergraph only says `scalar Date` / `scalar DateTime`, so the
// gateway's schema accepted any string and a department refused it later — which reached the
// caller as "the service cannot be reached". The gateway's schema now carries the kit's own Date
// and DateTime (the ones every subgraph uses), so a bad value is refused here, before any
// department is asked, as the caller's error naming the variable and the place inside it.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { coerceInputValue, GraphQLError, isInputType, isScalarType, typeFromAST, type GraphQLSchema } from 'graphql';
import { DateScalar, DateTimeScalar } from '../subgraphs/kit/scalars';

const REAL_SCALARS = [DateScalar, DateTimeScalar];

/**
 * Gives the gateway's schema the scalars' real parse and serialize. Called on every (re)load of the
 * supergraph (`gateway.onSchemaLoadOrUpdate`): the schema object there is the one Apollo Server
 * validates against and the gateway coerces variables with, so changing its scalar types in place
 * reaches both. (@apollo/gateway builds the scalars from SDL, where they accept anything.)
 */
export function useRealScalars(schema: GraphQLSchema): void {
  for (const real of REAL_SCALARS) {
    const type = schema.getType(real.name);
    if (!type || !isScalarType(type)) continue;
    type.serialize = real.serialize;
    type.parseValue = real.parseValue;
    // A plain Error, not the scalar's GraphQLError: validation then says where in the query the
    // literal is ('Expected value of type "Date", found "2026-02-30"; …', with its location).
    type.parseLiteral = (node, variables) => {
      try {
        return real.parseLiteral(node, variables);
      } catch (error) {
        throw new Error((error as Error).message);
      }
    };
  }
}

/**
 * Coerces each variable the caller sent against its declared type and refuses the first bad one as
 * BAD_USER_INPUT (HTTP 400) with `extensions.field` the path inside the variable
 * (`input.deferral.promisedBy`). The gateway checks the same later, but names only the variable.
 */
export function variablesPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          const values = request.variables ?? {};
          for (const definition of operation?.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            const type = typeFromAST(schema, definition.type);
            // Unknown types and absent variables (defaults, required ones) are the gateway's own checks.
            if (!type || !isInputType(type) || !(name in values)) continue;
            let refusal: GraphQLError | null = null;
            coerceInputValue(values[name], type, (path, _invalid, error) => {
              refusal ??= invalidVariable(name, path, error);
            });
            if (refusal) throw refusal;
          }
        },
      };
    },
  };
}

function invalidVariable(name: string, path: readonly (string | number)[], error: GraphQLError): GraphQLError {
  const field = [name, ...path].join('.');
  const where = path.length > 0 ? `$${name} 中的 ${path.join('.')}` : `$${name}`;
  const whereEn = path.length > 0 ? `${path.join('.')} in variable $${name}` : `variable $${name}`;
  return new GraphQLError(`变量 ${where} 的值无效（invalid value for ${whereEn}）：${error.message}`, {
    extensions: { code: 'BAD_USER_INPUT', field, variable: name, http: { status: 400 } },
  });
}
