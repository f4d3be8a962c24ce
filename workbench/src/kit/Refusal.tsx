// A refusal as the graph gave it: every problem, each with its rule and the clause it comes from.
import { Alert } from 'antd';
import type { CombinedError } from 'urql';
import { failuresOf, problemsOf } from './errors';

export function Refusal({ error, title = '未能完成（refused）' }: { error: CombinedError | null | undefined; title?: string }) {
  if (!error || (failuresOf(error).length === 0 && !error.networkError)) return null;
  const problems = problemsOf(error).filter((problem) => !(problem.rule === 'FORBIDDEN'));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <ul className="refusal" style={{ margin: 0, paddingLeft: 20 }}>
          {problems.map((problem, index) => (
            <li key={index}>
              {problem.zh}
              {problem.en && problem.en !== problem.rule ? `（${problem.en}）` : ''}
              {problem.rule ? <code style={{ marginLeft: 8 }}>{problem.rule}</code> : null}
              {problem.source ? <span style={{ marginLeft: 8, color: '#888' }}>依据 {problem.source}</span> : null}
            </li>
          ))}
        </ul>
      }
    />
  );
}
