// Every word the workbench shows, Chinese first with English beside it, in one table so the copy
// can be read and corrected in one place. Enum labels follow the graph's own descriptions.
import { ENUM_LABELS } from '../gql/enum-labels';
export const ROLE: Record<string, string> = {
  coordinator: '人才办协调人 Coordinator',
  specialist: '窗口专员 Window specialist',
  department_staff: '部门工作人员 Department staff',
  talent: '持卡人 Card holder',
  analyst: '数据分析 Analyst',
  service: '服务 Service',
};

export const DEPARTMENT: Record<string, string> = {
  HOUSEHOLD: '公安户政·人社（落户）',
  EDUCATION: '教育局（子女入学）',
  HEALTH: '卫健局（医疗保健）',
  LEGAL: '司法局（法律顾问）',
  HOUSING: '住建局（人才公寓）',
  CUSTOMS: '便捷通关·出入境',
};

/** The department claim in a token is lower case (household); the graph's enum is upper case. */
export const departmentLabel = (department: string | null | undefined) => (department ? DEPARTMENT[department.toUpperCase()] ?? department : '—');

export const CASE_STATUS: Record<string, string> = {
  RECEIVED: '已受理待分派',
  IN_PROGRESS: '并行办理中',
  READY_FOR_DELIVERY: '待统一交付',
  DELIVERED: '已交付',
  REJECTED: '不能办理',
  WITHDRAWN: '已撤回',
};

export const ITEM_STATUS: Record<string, string> = {
  PENDING: '待分派',
  DELIVERED_TO_DEPARTMENT: '已送达部门',
  RECEIVED: '部门已接收',
  IN_PROGRESS: '办理中',
  DONE: '已办结',
  REFUSED: '不能办理',
  CANCELLED: '已取消',
};

export const SERVICE: Record<string, string> = {
  HUKOU_TRANSFER_HOLDER: '持卡人落户',
  HUKOU_TRANSFER_FAMILY: '随迁家属落户',
  KINDERGARTEN_ENROLMENT: '子女入读公办幼儿园',
  SCHOOL_ENROLMENT: '子女入读义务教育学校',
  FREE_ANNUAL_CHECKUP: '年度免费体检',
  UNION_CHECKUP: '工会基础体检',
  FAMILY_DOCTOR_CONTRACT: '家庭医生签约',
  LEGAL_CONSULTATION: '免费法律咨询',
  TALENT_APARTMENT: '人才公寓',
  AIRPORT_VIP_DOMESTIC: '国内贵宾接送机',
  AIRPORT_VIP_INTERNATIONAL: '国际嘉宾接送机',
  EXIT_ENTRY_PERMIT: '出入境手续',
  RESIDENCE_PERMIT: '居住证',
};

export const PROGRAM: Record<string, string> = {
  BAIYUN_YUNJU: '白云区云聚英才卡',
  LIWAN_YINGCAI: '荔湾英才卡',
  GUANGZHOU_GREEN_CARD: '广州市人才绿卡（天河）',
  WUHAN_GREEN_CHANNEL: '武汉市绿色通道',
};

export const CARD_STATUS: Record<string, string> = {
  ACTIVE: '有效',
  CONTACT_LIST: '联系名单',
  REVOKED: '已终止',
  EXPIRED: '已期满',
};

export const CARD_APPLICATION_STATUS: Record<string, string> = {
  IN_PROGRESS: '审核中',
  RETURNED: '退案待补',
  ISSUED: '已发卡',
  REFUSED: '不予通过',
};

export const RELATION: Record<string, string> = { SPOUSE: '配偶', CHILD: '子女', PARENT: '父母', SPOUSE_PARENT: '配偶父母', HOLDER: '本人' };

export const EVENT_KIND: Record<string, string> = {
  SUBMITTED: '受理',
  DISPATCHED: '分派至部门',
  TASK_UPDATED: '部门进展',
  MATERIALS_SUPPLIED: '补齐材料',
  READY_FOR_DELIVERY: '待统一交付',
  DELIVERED: '统一交付',
  WITHDRAWN: '撤回',
};

export const label = (table: Record<string, string>, key: string | null | undefined) => (key ? table[key] ?? key : '—');

/** A value of one of the graph's enums, named as its schema describes it (gql/enum-labels.ts); the code when it has no Chinese name. */
export const enumLabel = (type: string, value: string | null | undefined) => (value ? ENUM_LABELS[type]?.[value] ?? value : '—');

/** A department step's code (a task's `step`), named by whichever department enum defines it. */
export const stepLabel = (step: string | null | undefined) => {
  if (!step) return '—';
  for (const type of ['HukouStep', 'ExitEntryItemStatus', 'SchoolEnrolmentStatus', 'TalentApartmentApplicationStatus', 'CheckupBookingStatus', 'LegalConsultationStatus']) {
    const named = ENUM_LABELS[type]?.[step];
    if (named) return named;
  }
  return step;
};

export const TEXT = {
  appTitle: '人才绿色通道 · 工作台',
  appTitleEn: 'Talent Green Channel workbench',
  noToken: '尚未登录：请先在「令牌」页粘贴或生成令牌（sign in first on the token page）',
  forbidden: '无权查看（forbidden for your role）',
  loading: '加载中…（loading）',
  confirm: '确定',
  cancel: '取消',
  refresh: '刷新',
  overdue: '逾期',
  workingDays: '个工作日',
};
