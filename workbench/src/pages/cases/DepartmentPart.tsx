// One department's part of a case as that department reports it; null with FORBIDDEN when the
// viewer may not read it (another department's staff), said so instead of failing the page.
import { Card, Empty, Tag } from 'antd';
import { DEPARTMENT, label, SERVICE, TEXT } from '../../kit/messages';

interface TaskView {
  id: string;
  item: string;
  status: string;
  step?: string | null;
  note?: string | null;
  reason?: string | null;
  dueOn: string;
}

export function DepartmentPart({ department, tasks, forbidden }: { department: string; tasks: readonly TaskView[] | null | undefined; forbidden: boolean }) {
  return (
    <Card size="small" title={label(DEPARTMENT, department.toUpperCase())}>
      {forbidden ? (
        <Tag>{TEXT.forbidden}</Tag>
      ) : !tasks || tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无本部门事项（nothing here）" />
      ) : (
        tasks.map((task) => (
          <div key={task.id} style={{ marginBottom: 8 }}>
            <strong>{label(SERVICE, task.item)}</strong> <Tag>{task.status}</Tag>
            {task.step ? <Tag color="blue">{task.step}</Tag> : null}
            <div>时限 {task.dueOn}</div>
            {task.note ? <div>{task.note}</div> : null}
            {task.reason ? <div style={{ color: '#cf1322' }}>{task.reason}</div> : null}
          </div>
        ))
      )}
    </Card>
  );
}
