// Each item's form (000 一至十三; 002; 004 第五条): the fields the window's intake reads for it.
// Dates are plain date inputs (a specialist types them), lists are comma-separated names.
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { CaseItemInput, ServiceCode } from '../../gql/graphql';
import { RELATION } from '../../kit/messages';

export interface FamilyMemberView {
  id: string;
  name?: string | null;
  relation: string;
  minor: boolean;
}

type Values = Record<string, unknown>;

const list = (value: unknown) =>
  String(value ?? '')
    .split(/[,，、\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
const text = (value: unknown) => String(value ?? '').trim();

const FORM_KEY: Record<ServiceCode, keyof Omit<CaseItemInput, 'service'>> = {
  HUKOU_TRANSFER_HOLDER: 'hukouTransfer',
  HUKOU_TRANSFER_FAMILY: 'hukouTransfer',
  KINDERGARTEN_ENROLMENT: 'schoolEnrolment',
  SCHOOL_ENROLMENT: 'schoolEnrolment',
  FREE_ANNUAL_CHECKUP: 'checkup',
  UNION_CHECKUP: 'checkup',
  FAMILY_DOCTOR_CONTRACT: 'familyDoctor',
  LEGAL_CONSULTATION: 'legalConsultation',
  TALENT_APARTMENT: 'talentApartment',
  AIRPORT_VIP_DOMESTIC: 'airportService',
  AIRPORT_VIP_INTERNATIONAL: 'airportService',
  EXIT_ENTRY_PERMIT: 'exitEntry',
  RESIDENCE_PERMIT: 'exitEntry',
};

/** The item as submitCase takes it: the service and exactly its own form. */
export function toItemInput(service: ServiceCode, values: Values, family: readonly FamilyMemberView[], holderName: string): CaseItemInput {
  const key = FORM_KEY[service];
  switch (key) {
    case 'hukouTransfer':
      return { service, hukouTransfer: { familyMemberIds: service === 'HUKOU_TRANSFER_HOLDER' ? [] : ((values.familyMemberIds as string[]) ?? []), route: (values.route as 'PLANNED_GUIDANCE') ?? 'PLANNED_GUIDANCE', targetAddress: text(values.targetAddress), policeStation: text(values.policeStation) } };
    case 'schoolEnrolment':
      return { service, schoolEnrolment: { childId: text(values.childId), level: (values.level as 'PRIMARY') ?? (service === 'KINDERGARTEN_ENROLMENT' ? 'KINDERGARTEN' : 'PRIMARY'), schoolYear: Number(values.schoolYear ?? new Date().getFullYear()), district: text(values.district), preferredSchool: text(values.preferredSchool) } };
    case 'checkup':
      return { service, checkup: { preferredDate: text(values.preferredDate), hospital: text(values.hospital) || null } };
    case 'familyDoctor':
      return { service, familyDoctor: { communityHealthCentre: text(values.communityHealthCentre), team: text(values.team), package: (values.package as 'FREE') ?? 'FREE', startsOn: text(values.startsOn) } };
    case 'legalConsultation':
      return { service, legalConsultation: { topic: text(values.topic), category: (values.category as 'CONSULTATION') ?? 'CONSULTATION', personalMatter: Boolean(values.personalMatter ?? true), channel: (values.channel as 'PHONE') ?? 'PHONE' } };
    case 'talentApartment': {
      const household = [{ id: 'holder', name: holderName, relation: 'HOLDER' }, ...family.filter((member) => member.relation === 'SPOUSE' || (member.relation === 'CHILD' && member.minor)).map((member) => ({ id: member.id, name: member.name ?? '', relation: member.relation === 'SPOUSE' ? 'SPOUSE' : 'MINOR_CHILD' }))];
      return {
        service,
        talentApartment: {
          district: text(values.district),
          project: text(values.project),
          householdSize: Number(values.householdSize ?? household.length),
          declarations: household.map((person) => ({ personName: person.name, relation: person.relation as 'HOLDER', city: text(values.city) || '广州市', homesOwned: Number((values as Record<string, unknown>)[`homes_${person.id}`] ?? 0) })),
        },
      };
    }
    case 'airportService':
      return {
        service,
        airportService: {
          direction: (values.direction as 'DEPARTURE') ?? 'DEPARTURE',
          flightNumber: text(values.flightNumber),
          flightTime: values.flightTime ? new Date(String(values.flightTime)).toISOString() : '',
          passengers: list(values.passengers),
          greeters: list(values.greeters),
          vehiclePlates: list(values.vehiclePlates),
          checkedLuggage: Boolean(values.checkedLuggage),
          nameSign: Boolean(values.nameSign),
          contactPhone: text(values.contactPhone),
        },
      };
    default:
      return { service, exitEntry: { applicantName: text(values.applicantName) || holderName } };
  }
}

const select = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }));

/** The fields of one item's form, named ['forms', service, field] in the intake form. */
export function ItemFormFields({ service, family }: { service: ServiceCode; family: readonly FamilyMemberView[] }) {
  const name = (field: string) => ['forms', service, field];
  const members = (filter: (member: FamilyMemberView) => boolean) => family.filter(filter).map((member) => ({ value: member.id, label: `${member.name ?? member.id}（${RELATION[member.relation] ?? member.relation}）` }));
  switch (FORM_KEY[service]) {
    case 'hukouTransfer':
      return (
        <>
          {service === 'HUKOU_TRANSFER_FAMILY' ? (
            <Form.Item name={name('familyMemberIds')} label="随迁家属 Family members moving"><Select mode="multiple" options={members((member) => member.relation === 'SPOUSE' || member.relation === 'CHILD')} /></Form.Item>
          ) : null}
          <Form.Item name={name('route')} label="入户途径 Route" initialValue="PLANNED_GUIDANCE"><Select options={select([['PLANNED_GUIDANCE', '计划指导'], ['TOTAL_QUOTA_ADJUSTMENT', '总量调控']])} /></Form.Item>
          <Form.Item name={name('targetAddress')} label="入户地址 Target address"><Input /></Form.Item>
          <Form.Item name={name('policeStation')} label="落户派出所 Police station"><Input /></Form.Item>
        </>
      );
    case 'schoolEnrolment':
      return (
        <>
          <Form.Item name={name('childId')} label="子女 Child"><Select options={members((member) => member.relation === 'CHILD')} /></Form.Item>
          <Form.Item name={name('level')} label="学段 Level" initialValue={service === 'KINDERGARTEN_ENROLMENT' ? 'KINDERGARTEN' : 'PRIMARY'}>
            <Select options={select(service === 'KINDERGARTEN_ENROLMENT' ? [['KINDERGARTEN', '幼儿园']] : [['PRIMARY', '小学'], ['JUNIOR_SECONDARY', '初中']])} />
          </Form.Item>
          <Form.Item name={name('schoolYear')} label="入学年度 School year" initialValue={new Date().getFullYear()}><InputNumber /></Form.Item>
          <Form.Item name={name('district')} label="区 District"><Input /></Form.Item>
          <Form.Item name={name('preferredSchool')} label="意愿学校 Preferred school"><Input /></Form.Item>
        </>
      );
    case 'checkup':
      return (
        <>
          <Form.Item name={name('preferredDate')} label="体检日期 Preferred date"><Input type="date" aria-label="体检日期" /></Form.Item>
          <Form.Item name={name('hospital')} label="体检医院 Hospital"><Input placeholder="白云：不填（区干部保健基地）" /></Form.Item>
        </>
      );
    case 'familyDoctor':
      return (
        <>
          <Form.Item name={name('communityHealthCentre')} label="社区卫生服务中心 Centre"><Input /></Form.Item>
          <Form.Item name={name('team')} label="团队 Team"><Input /></Form.Item>
          <Form.Item name={name('package')} label="服务包 Package" initialValue="FREE"><Select options={select([['FREE', '免费包'], ['BASIC', '基础包']])} /></Form.Item>
          <Form.Item name={name('startsOn')} label="开始日期 Starts on"><Input type="date" /></Form.Item>
        </>
      );
    case 'legalConsultation':
      return (
        <>
          <Form.Item name={name('topic')} label="咨询事项 Topic"><Input aria-label="咨询事项" /></Form.Item>
          <Form.Item name={name('category')} label="类别 Category" initialValue="CONSULTATION">
            <Select options={select([['CONSULTATION', '咨询'], ['WRITTEN_OPINION', '书面意见'], ['DOCUMENT_DRAFTING', '文书起草'], ['LITIGATION', '诉讼'], ['CONTRACT_REVIEW', '合同审查'], ['MEDIATION', '调解']])} />
          </Form.Item>
          <Form.Item name={name('personalMatter')} valuePropName="checked" initialValue={true}><Checkbox>本人事项 Personal matter</Checkbox></Form.Item>
          <Form.Item name={name('channel')} label="方式 Channel" initialValue="PHONE"><Select options={select([['PHONE', '电话'], ['EMAIL', '邮件'], ['IN_PERSON', '当面'], ['ONLINE', '网上']])} /></Form.Item>
        </>
      );
    case 'talentApartment':
      return (
        <>
          <Form.Item name={name('district')} label="区 District"><Input /></Form.Item>
          <Form.Item name={name('project')} label="项目 Project"><Input /></Form.Item>
          <Form.Item name={name('householdSize')} label="家庭人数 Household size"><InputNumber min={1} max={20} /></Form.Item>
          <Form.Item name={name('city')} label="住房所在城市 City" initialValue="广州市"><Input /></Form.Item>
          <Form.Item name={name('homes_holder')} label="本人住房套数 Homes owned (holder)" initialValue={0}><InputNumber min={0} /></Form.Item>
          {family
            .filter((member) => member.relation === 'SPOUSE' || (member.relation === 'CHILD' && member.minor))
            .map((member) => (
              <Form.Item key={member.id} name={name(`homes_${member.id}`)} label={`${member.name ?? member.id} 住房套数`} initialValue={0}><InputNumber min={0} /></Form.Item>
            ))}
        </>
      );
    case 'airportService':
      return (
        <>
          <Form.Item name={name('direction')} label="送机/接机 Direction" initialValue="DEPARTURE"><Select options={select([['DEPARTURE', '送机'], ['ARRIVAL', '接机']])} /></Form.Item>
          <Form.Item name={name('flightNumber')} label="航班号 Flight"><Input placeholder="CZ3101" /></Form.Item>
          <Form.Item name={name('flightTime')} label="航班时间 Flight time"><Input type="datetime-local" /></Form.Item>
          <Form.Item name={name('passengers')} label="乘机人 Passengers"><Input placeholder="姓名，以逗号分隔" /></Form.Item>
          <Form.Item name={name('greeters')} label="接送人员 Greeters"><Input /></Form.Item>
          <Form.Item name={name('vehiclePlates')} label="车牌 Vehicles"><Input /></Form.Item>
          <Form.Item name={name('checkedLuggage')} valuePropName="checked"><Checkbox>托运行李 Checked luggage</Checkbox></Form.Item>
          <Form.Item name={name('nameSign')} valuePropName="checked"><Checkbox>接机牌 Name sign</Checkbox></Form.Item>
          <Form.Item name={name('contactPhone')} label="联系电话 Phone"><Input /></Form.Item>
        </>
      );
    default:
      return <Form.Item name={name('applicantName')} label="申请人 Applicant"><Input placeholder="默认为持卡人本人" /></Form.Item>;
  }
}
