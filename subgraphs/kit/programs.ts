// The four talent-card programs the graph serves, and the seed each one comes from.

export const PROGRAMS = ['BAIYUN_YUNJU', 'LIWAN_YINGCAI', 'GUANGZHOU_GREEN_CARD', 'WUHAN_GREEN_CHANNEL'] as const;
export type Program = (typeof PROGRAMS)[number];

export const PROGRAM_INFO: Record<Program, { zh: string; en: string; source: string }> = {
  BAIYUN_YUNJU: { zh: '白云区云聚英才卡', en: 'Baiyun Yunju talent card', source: '000, 001' },
  LIWAN_YINGCAI: { zh: '荔湾英才卡', en: 'Liwan talent card', source: '002' },
  GUANGZHOU_GREEN_CARD: { zh: '广州市人才绿卡（天河区受理）', en: 'Guangzhou talent green card (Tianhe)', source: '003' },
  WUHAN_GREEN_CHANNEL: { zh: '武汉市高层次人才绿色通道', en: 'Wuhan high-level talent green channel', source: '004' },
};
