// Date and DateTime as the graph speaks them: "2026-11-24" and ISO 8601 with an offset.
// Bad values are refused with BAD_USER_INPUT naming the scalar, never silently coerced.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { inputFormat } from './input-format';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function invalid(scalar: string, value: unknown, expected: string): GraphQLError {
  return new GraphQLError(`${scalar} 格式不正确：${JSON.stringify(value)}（expected ${expected}）`, {
    extensions: { code: 'BAD_USER_INPUT', field: scalar, ...inputFormat('INPUT_SCALAR') },
  });
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '日期 Date, "YYYY-MM-DD" (China Standard Time calendar day)',
  serialize: (value) => {
    if (typeof value === 'string' && isValidDate(value)) return value;
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: (value) => {
    if (typeof value === 'string' && isValidDate(value)) return value;
    throw invalid('Date', value, 'YYYY-MM-DD');
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING && isValidDate(ast.value)) return ast.value;
    throw invalid('Date', ast.kind === Kind.STRING ? ast.value : ast.kind, 'YYYY-MM-DD');
  },
});

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || !isValidDate(value.slice(0, 10))) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: '时间 DateTime, ISO 8601 with an offset, e.g. "2026-11-24T09:30:00+08:00"',
  serialize: (value) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    const parsed = parseDateTime(value);
    if (parsed) return parsed.toISOString();
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: (value) => parseDateTime(value) ?? (() => { throw invalid('DateTime', value, 'ISO 8601 with offset'); })(),
  parseLiteral: (ast) => {
    const parsed = ast.kind === Kind.STRING ? parseDateTime(ast.value) : null;
    if (parsed) return parsed;
    throw invalid('DateTime', ast.kind === Kind.STRING ? ast.value : ast.kind, 'ISO 8601 with offset');
  },
});
