// What the gateway must answer for the talent the talent-view test stores, by department.
// Kept apart from the test so the test reads as the scenario; every value was checked against
// the department's rules (steps of 000 一（二）, allowance of 000 十三, checkup of 001 第四条（四）…).

export function expectedParts(year: number) {
  const HOUSEHOLD_PART = {
    transfers: [
      {
        applicant: { name: '陈思远', relation: 'HOLDER', birthDate: '1984-06-18', dependent: null },
        route: 'TOTAL_QUOTA_ADJUSTMENT',
        status: 'IN_PROGRESS',
        currentStep: 'INFO_CARD',
        targetAddress: '广州市白云区白云大道南118号',
        policeStation: '景泰派出所',
        submittedOn: `${year}-01-05`,
        settledOn: null,
        rejectionReason: null,
        source: '000 一；001 第四条（一）',
        steps: [
          { step: 'ONLINE_DECLARATION', order: 1, status: 'DONE', completedAt: `${year}-01-05T02:00:00.000Z` },
          { step: 'MATERIALS_UPLOADED', order: 2, status: 'DONE', completedAt: `${year}-01-06T02:00:00.000Z` },
          { step: 'INFO_CARD', order: 3, status: 'CURRENT', completedAt: null },
          { step: 'POLICE_REVIEW', order: 4, status: 'PENDING', completedAt: null },
          { step: 'SETTLED', order: 5, status: 'PENDING', completedAt: null }
        ]
      }
    ]
  };
  const EDUCATION_PART = {
    enrolments: [
      {
        child: { name: '陈子轩', gender: 'MALE', birthDate: `${year - 3}-05-20`, ageAtEntry: 3 },
        level: 'KINDERGARTEN',
        schoolYear: year,
        district: '白云区',
        preferredSchool: '白云区机关幼儿园',
        assignedSchool: null,
        lotteryOutcome: 'PENDING',
        priorityOutcome: 'NOT_REQUESTED',
        status: 'RECEIVED',
        submittedOn: `${year}-01-10`,
        decidedOn: null,
        source: '000 八；001 第四条（二）'
      }
    ]
  };
  const HEALTH_PART = {
    designatedHospitals: [
      { name: '南方医科大学南方医院白云分院', checkupBase: true, source: '000 六（三）1' },
      { name: '白云区妇幼保健院', checkupBase: false, source: '000 六（三）1' },
      { name: '白云区第二人民医院', checkupBase: false, source: '000 六（三）1' },
      { name: '广州中医药大学第一附属医院白云医院', checkupBase: false, source: '000 六（三）1' },
      { name: '白云区第三人民医院', checkupBase: false, source: '000 六（三）1' },
      { name: '白云区石井人民医院', checkupBase: false, source: '000 六（三）1' },
      { name: '南方医院太和分院', checkupBase: false, source: '000 六（三）1' }
    ],
    priorityCare: true,
    checkup: { year, freeCheckupsPerYear: 1, used: 1, remaining: 0, unionCheckupChosen: false, unionCheckupAvailable: false },
    checkupBookings: [ { year, kind: 'HEALTH_CHECKUP', scheduledOn: `${year}-01-15`, status: 'DONE' } ],
    familyDoctor: null
  };
  const LEGAL_PART = {
    openCount: 0,
    totalThisYear: 1,
    consultations: [
      {
        category: 'CONSULTATION',
        personalMatter: true,
        channel: 'PHONE',
        counsel: { name: '李明', role: 'GOVERNMENT_LEGAL_ADVISER', office: '白云区司法局' },
        status: 'ANSWERED',
        free: true,
        feeBearing: false,
        feeNote: '免费法律咨询（000 十二；001 第四条（六））',
        requestedAt: `${year}-01-08T01:00:00.000Z`,
        answeredAt: `${year}-01-09T01:00:00.000Z`
      }
    ]
  };
  const HOUSING_PART = {
    eligibility: {
      eligible: true,
      reasons: [ '本人及配偶、未成年子女在广州市均无自有产权住房（holder, spouse and minor children own no home in 广州市）— 000 九；001 第四条（八）；002 四' ],
      ownedHomes: [
        { personName: '陈思远', relation: 'HOLDER', city: '广州市', homesOwned: 0, declaredOn: `${year}-01-02` },
        { personName: '林晓燕', relation: 'SPOUSE', city: '广州市', homesOwned: 0, declaredOn: `${year}-01-02` },
        { personName: '陈子轩', relation: 'MINOR_CHILD', city: '广州市', homesOwned: 0, declaredOn: `${year}-01-02` }
      ]
    },
    applications: [
      {
        district: '白云区',
        project: '白云人才公寓（嘉禾）',
        status: 'WAITLISTED',
        waitlistPosition: 3,
        allocatedUnit: null,
        householdSize: 3,
        submittedOn: `${year}-01-03`,
        decidedOn: null,
        rejectionReason: null
      }
    ]
  };
  const CUSTOMS_PART = {
    airportService: { year, allowed: 2, used: 1, remaining: 1 },
    airportBookings: [
      {
        scope: 'DOMESTIC',
        direction: 'DEPARTURE',
        flightNumber: 'CZ3101',
        flightTime: `${year}-01-20T02:00:00.000Z`,
        servicePoint: '国内商务贵宾厅',
        passengers: [ { name: '陈思远' } ],
        greeters: [ { name: '林晓燕' } ],
        vehicles: [ { plate: '粤A12345' } ],
        checkedLuggage: true,
        nameSign: false,
        contactPhone: '138****8000', // masked: the dashboard does not ask for it in full
        status: 'SERVED',
        bookedAt: `${year}-01-18T02:00:00.000Z`,
        cancelledAt: null
      }
    ],
    exitEntryItems: []
  };
  const EMPTY_HOUSING_REASONS = [
    '尚未申报本人及配偶、未成年子女的住房情况，暂无法判断（no home-ownership declaration yet; eligibility undetermined）— 000 九；001 第四条（八）；002 四；004 第五条第12项'
  ];
  return { HOUSEHOLD_PART, EDUCATION_PART, HEALTH_PART, LEGAL_PART, HOUSING_PART, CUSTOMS_PART, EMPTY_HOUSING_REASONS };
}
