// The one input-text rule (input-text.ts): control characters, text made only of them and lone
// surrogates are refused as BAD_USER_INPUT naming the argument path, in any subgraph built by the
// kit, through nested input objects, lists and entity representations; ordinary text passes as sent.
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inputFormat } from './input-format';
import { checkText } from './input-text';
import { buildSchema, type Resolvers } from './subgraph';

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    echo(filter: Filter, ids: [ID!]): String
  }
  type Mutation {
    submit(input: SubmitInput!): String
  }
  type Thing @key(fields: "id") {
    id: ID!
    label: String
  }
  input Filter {
    search: String
  }
  input SubmitInput {
    requestKey: ID!
    items: [ItemInput!]!
  }
  input ItemInput {
    form: FormInput
  }
  input FormInput {
    reason: String
    count: Int
  }
`);

const resolvers = {
  Query: { echo: (_: unknown, args: unknown) => JSON.stringify(args) },
  Mutation: { submit: (_: unknown, args: { input: unknown }) => JSON.stringify(args.input) },
  Thing: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, label: `thing ${reference.id}` }) },
};
const schema = buildSchema({ typeDefs, resolvers: resolvers as unknown as Resolvers<never> });

async function run(source: string, variableValues: Record<string, unknown>) {
  const result = await graphql({ schema, source, variableValues, contextValue: {} });
  return JSON.parse(JSON.stringify(result)) as { data?: Record<string, unknown>; errors?: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[] };
}

const refusedField = async (source: string, variables: Record<string, unknown>) => {
  const result = await run(source, variables);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  return result.errors![0].extensions.field;
};

const SEARCH = 'query ($search: String) { echo(filter: { search: $search }) }';
const SUBMIT = 'mutation ($input: SubmitInput!) { submit(input: $input) }';

describe('the input-text rule, in every subgraph schema', () => {
  it('refuses a NUL, another control character or a lone surrogate, naming the argument path', async () => {
    expect(await refusedField(SEARCH, { search: '\u0000' })).toBe('filter.search');
    expect(await refusedField(SEARCH, { search: 'abc\u001Bdef' })).toBe('filter.search');
    expect(await refusedField(SEARCH, { search: 'x\u007F' })).toBe('filter.search');
    expect(await refusedField(SEARCH, { search: 'x\u0085' })).toBe('filter.search');
    expect(await refusedField(SEARCH, { search: 'half \uD83D of an emoji' })).toBe('filter.search');
    expect(await refusedField(SEARCH, { search: '\uDE00 the other half' })).toBe('filter.search');
    const nested = { requestKey: 'k-1', items: [{ form: { reason: 'fine' } }, { form: { reason: 'bad\u0000', count: 2 } }] };
    expect(await refusedField(SUBMIT, { input: nested })).toBe('input.items.1.form.reason');
    expect(await refusedField('query ($ids: [ID!]) { echo(ids: $ids) }', { ids: ['a', 'b\tc'] })).toBe('ids.1');
  });

  it('says what was wrong, Chinese first, with the character', async () => {
    const result = await run(SEARCH, { search: 'a\u0000' });
    expect(result).toEqual({
      data: { echo: null },
      errors: [{
        message: 'filter.search 含有不允许的控制字符 U+0000（filter.search contains the control character U+0000, which is not allowed）',
        locations: [{ line: 1, column: 27 }],
        path: ['echo'],
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.search', character: 'U+0000', ...inputFormat('INPUT_CONTROL_CHARACTER') },
      }],
    });
  });

  it('refuses text made only of tabs and line breaks, and allows them inside free text', async () => {
    expect(await refusedField(SEARCH, { search: '\n\t\r\n' })).toBe('filter.search');
    const reason = '第一行\n第二行\twith a tab\r\n';
    expect(await run(SUBMIT, { input: { requestKey: 'k-2', items: [{ form: { reason } }] } })).toEqual({ data: { submit: JSON.stringify({ requestKey: 'k-2', items: [{ form: { reason } }] }) } });
  });

  it('passes ordinary text as sent: Chinese, emoji (a proper surrogate pair), empty, and literals', async () => {
    for (const search of ['谢明', 'Zoë 👩‍🔬 研究员', '', '  spaces  ']) {
      expect(await run(SEARCH, { search })).toEqual({ data: { echo: JSON.stringify({ filter: { search } }) } });
    }
    expect(await refusedField('{ echo(filter: { search: "x\\u0007" }) }', {})).toBe('filter.search');
  });

  it('checks entity representations sent straight to the subgraph', async () => {
    const entities = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Thing { label } } }';
    expect(await run(entities, { representations: [{ __typename: 'Thing', id: 't1' }] })).toEqual({ data: { _entities: [{ label: 'thing t1' }] } });
    expect(await refusedField(entities, { representations: [{ __typename: 'Thing', id: 't1' }, { __typename: 'Thing', id: 't\u0000' }] })).toBe('representations.1.id');
  });

  it('is stricter for identifiers than for free text', () => {
    expect(() => checkText('note', 'a\nb')).not.toThrow();
    expect(() => checkText('id', 'a\nb', 'identifier')).toThrow(/id contains the control character U\+000A/);
    expect(() => checkText('note', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}')).not.toThrow();
    expect(() => checkText('id', 'BY-2026\u200B-000001', 'identifier')).toThrow(/id contains the format character U\+200B/);
  });

  it('refuses bidirectional overrides anywhere: the stored text would display as something else', async () => {
    expect(() => checkText('name', '陈\u202E远思')).toThrow(/name 含有不允许的格式控制字符 U\+202E/);
    expect(() => checkText('reason', 'ok \u2066hidden\u2069')).toThrow(/U\+2066/);
    expect(await refusedField(SUBMIT, { input: { requestKey: 'k-2', items: [{ form: { reason: 'a\u202Db' } }] } })).toBe('input.items.0.form.reason');
  });
});
