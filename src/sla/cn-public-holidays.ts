/**
 * Mainland China's public holidays and make-up working days (调休上班), as
 * the General Office of the State Council announces them each year. A year
 * not listed here is unknown: a calendar that follows public holidays
 * refuses to count time in it (HOLIDAYS_NOT_AVAILABLE) rather than guess,
 * until an admin enters that year's notice (`public_holiday` table).
 *
 * Each range is the days off as the notice gives them, weekends inside a
 * range included; `workdays` are the weekend days the notice makes working
 * days. Holidays the notice says "与周末连休" for list only the weekday off.
 */
export interface PublicHolidayYear {
  year: number;
  notice: { title: string; reference: string; issued: string; url: string };
  holidays: readonly { name: string; from: string; to: string }[];
  workdays: readonly { name: string; date: string }[];
}

export const cnPublicHolidayYears: readonly PublicHolidayYear[] = [
  {
    year: 2024,
    notice: {
      title: '国务院办公厅关于2024年部分节假日安排的通知',
      reference: '国办发明电〔2023〕7号',
      issued: '2023-10-25',
      url: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
    },
    holidays: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    workdays: [
      { name: '春节', date: '2024-02-04' },
      { name: '春节', date: '2024-02-18' },
      { name: '清明节', date: '2024-04-07' },
      { name: '劳动节', date: '2024-04-28' },
      { name: '劳动节', date: '2024-05-11' },
      { name: '中秋节', date: '2024-09-14' },
      { name: '国庆节', date: '2024-09-29' },
      { name: '国庆节', date: '2024-10-12' },
    ],
  },
  {
    year: 2025,
    notice: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      reference: '国办发明电〔2024〕12号',
      issued: '2024-11-12',
      url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
    },
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: [
      { name: '春节', date: '2025-01-26' },
      { name: '春节', date: '2025-02-08' },
      { name: '劳动节', date: '2025-04-27' },
      { name: '国庆节、中秋节', date: '2025-09-28' },
      { name: '国庆节、中秋节', date: '2025-10-11' },
    ],
  },
  {
    year: 2026,
    notice: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      reference: '国办发明电〔2025〕7号',
      issued: '2025-11-04',
      url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    },
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: [
      { name: '元旦', date: '2026-01-04' },
      { name: '春节', date: '2026-02-14' },
      { name: '春节', date: '2026-02-28' },
      { name: '劳动节', date: '2026-05-09' },
      { name: '国庆节', date: '2026-09-20' },
      { name: '国庆节', date: '2026-10-10' },
    ],
  },
];
