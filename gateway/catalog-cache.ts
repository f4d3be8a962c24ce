// A response cache for what is the same for everyone (issue 12): the public service catalog
// (事项目录, 004 第六条). The talent subgraph hints it `@cacheControl(maxAge, scope: PUBLIC)`; the
// gateway honours subgraphs' Cache-Control headers, and every other field is uncached (maxAge 0), so
// any operation touching them is never kept. On top of the hints, only operations asking for nothing
// but the catalog may be read from or written to the cache: an entry is one answer for every caller,
// which is right only where the answer cannot depend on who asks.
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { rootFields } from './auth';

/** Root fields whose answer is the same for every caller. Not verifyCard: it is counted and audited per caller. */
const SAME_FOR_EVERYONE = new Set(['serviceCatalog', '__typename']);

function asksOnlyWhatIsPublic<Ctx extends BaseContext>({ operation }: GraphQLRequestContext<Ctx>): boolean {
  return operation?.operation === 'query' && rootFields(operation.selectionSet).every((field) => SAME_FOR_EVERYONE.has(field));
}

export function catalogCachePlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  const onlyPublic = async (requestContext: GraphQLRequestContext<Ctx>) => asksOnlyWhatIsPublic(requestContext);
  return responseCachePlugin<Ctx>({ shouldReadFromCache: onlyPublic, shouldWriteToCache: onlyPublic });
}
