import { type DirectorySeed, type OpeningHours, PERSON_DELIVERY_DEFAULTS, type RosterShift } from "./model.js";

/**
 * The demo's directory: one ward centre with three camera counters (two fields) plus a second centre, so
 * centre scoping is visible. Every demo account's password is DEMO_PASSWORD (printed at start). The demo
 * centre is "open" around the clock, so a demo run at night still sends its SMS (to the log).
 */
export const DEMO_PASSWORD = "hailong-demo";
export const DEMO_CENTRE_ID = "hcc-ben-nghe";
export const DEMO_LOGINS = [
  "admin",
  "leader",
  "head",
  "supervisor",
  "installer",
  "leader-tandinh",
  "canbo-lan",
] as const;

const ALWAYS: [string, string][] = [["00:00", "23:59"]];
const ALL_DAY: OpeningHours = {
  mon: ALWAYS,
  tue: ALWAYS,
  wed: ALWAYS,
  thu: ALWAYS,
  fri: ALWAYS,
  sat: ALWAYS,
  sun: ALWAYS,
};

/** The seed with every account's argon2 hash set to `passwordHash`. */
export function demoDirectorySeed(passwordHash: string): DirectorySeed {
  return { ...DEMO_PLACES, people: demoPeople(passwordHash), ...DEMO_ROSTER };
}

function shift(id: string, officialId: string, counterId: string, start: string, end: string): RosterShift {
  return { id, officialId, counterId, days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start, end };
}

/**
 * The officials serving the demo's camera counters (the demo centre is open around the clock, so the shifts
 * cover the whole day): per-official figures for coaching, never shown to citizens.
 */
const DEMO_ROSTER: Pick<DirectorySeed, "officials" | "roster"> = {
  officials: [
    // Her own login (`canbo-lan`) shows her her own figures and nothing else.
    { id: "cb-lan", centreId: DEMO_CENTRE_ID, name: "Nguyễn Thị Lan", personId: "p-canbo-lan", active: true },
    { id: "cb-minh", centreId: DEMO_CENTRE_ID, name: "Trần Văn Minh", active: true },
    { id: "cb-hoa", centreId: DEMO_CENTRE_ID, name: "Lê Thị Hoa", active: true },
    { id: "cb-bao", centreId: DEMO_CENTRE_ID, name: "Phạm Quốc Bảo", active: true },
    { id: "cb-thu", centreId: DEMO_CENTRE_ID, name: "Võ Thị Thu", active: true },
  ],
  roster: [
    shift("ca-ht1-sang", "cb-lan", "bn-hotich-1", "00:00", "12:00"),
    shift("ca-ht1-chieu", "cb-minh", "bn-hotich-1", "12:00", "23:59"),
    shift("ca-ht2", "cb-hoa", "bn-hotich-2", "00:00", "23:59"),
    shift("ca-dd1-sang", "cb-bao", "bn-datdai-1", "00:00", "12:00"),
    shift("ca-dd1-chieu", "cb-thu", "bn-datdai-1", "12:00", "23:59"),
  ],
};

/** Wards, centres, departments and counters of the demo. */
const DEMO_PLACES: Omit<DirectorySeed, "people" | "officials" | "roster"> = {
  wards: [
    // Wards as they are since the 1 July 2025 merger (no more districts); the ids predate it and are never shown.
    { id: "ben-nghe", name: "Phường Sài Gòn", city: "TP. Hồ Chí Minh" },
    { id: "da-kao", name: "Phường Tân Định", city: "TP. Hồ Chí Minh" },
  ],
  centres: [
    {
      id: DEMO_CENTRE_ID,
      wardId: "ben-nghe",
      name: "Trung tâm Phục vụ hành chính công phường Sài Gòn",
      address: "29 Lê Duẩn, phường Sài Gòn",
      openingHours: ALL_DAY,
    },
    {
      id: "hcc-da-kao",
      wardId: "da-kao",
      name: "Trung tâm Phục vụ hành chính công phường Tân Định",
      address: "2 Đinh Tiên Hoàng, phường Tân Định",
      openingHours: ALL_DAY,
    },
  ],
  departments: [
    { id: "bn-hotich", centreId: DEMO_CENTRE_ID, field: "ho-tich", name: "Bộ phận Hộ tịch" },
    { id: "bn-datdai", centreId: DEMO_CENTRE_ID, field: "dat-dai", name: "Bộ phận Đất đai" },
    { id: "dk-hotich", centreId: "hcc-da-kao", field: "ho-tich", name: "Bộ phận Hộ tịch" },
  ],
  counters: [
    {
      id: "bn-hotich-1",
      centreId: DEMO_CENTRE_ID,
      field: "ho-tich",
      name: "Quầy Hộ tịch 1",
      agentId: "agent-bn-1",
      active: true,
    },
    {
      id: "bn-hotich-2",
      centreId: DEMO_CENTRE_ID,
      field: "ho-tich",
      name: "Quầy Hộ tịch 2",
      agentId: "agent-bn-2",
      active: true,
    },
    {
      id: "bn-datdai-1",
      centreId: DEMO_CENTRE_ID,
      field: "dat-dai",
      name: "Quầy Đất đai 1",
      agentId: "agent-bn-3",
      active: true,
    },
    { id: "dk-hotich-1", centreId: "hcc-da-kao", field: "ho-tich", name: "Quầy Hộ tịch 1", active: true },
  ],
};

function demoPeople(passwordHash: string): DirectorySeed["people"] {
  const person = (
    p: Omit<
      DirectorySeed["people"][number],
      "active" | "escalationRank" | "passwordHash" | keyof typeof PERSON_DELIVERY_DEFAULTS
    >,
  ) => ({
    ...p,
    active: true,
    escalationRank: 0,
    ...PERSON_DELIVERY_DEFAULTS,
    ...(p.username ? { passwordHash } : {}),
  });
  return [
    person({ id: "p-admin", role: "admin", name: "Quản trị hệ thống", username: "admin" }),
    person({
      id: "p-leader",
      centreId: DEMO_CENTRE_ID,
      role: "centre_leader",
      name: "Nguyễn Văn An",
      phone: "+84901234567",
      username: "leader",
    }),
    person({
      id: "p-head-hotich",
      centreId: DEMO_CENTRE_ID,
      departmentId: "bn-hotich",
      role: "department_head",
      name: "Trần Thị Bình",
      phone: "+84907654321",
      username: "head",
    }),
    person({
      id: "p-head-datdai",
      centreId: DEMO_CENTRE_ID,
      departmentId: "bn-datdai",
      role: "department_head",
      name: "Lê Văn Cường",
      phone: "+84903334444",
    }),
    person({
      id: "p-supervisor",
      centreId: DEMO_CENTRE_ID,
      role: "supervisor",
      name: "Phạm Thị Dung",
      phone: "+84905556666",
      username: "supervisor",
    }),
    person({
      id: "p-installer",
      centreId: DEMO_CENTRE_ID,
      role: "installer",
      name: "Võ Minh Em",
      phone: "+84908889999",
      username: "installer",
    }),
    person({
      id: "p-leader-dk",
      centreId: "hcc-da-kao",
      role: "centre_leader",
      name: "Đặng Văn Phúc",
      phone: "+84909990000",
      username: "leader-tandinh",
    }),
    person({
      id: "p-canbo-lan",
      centreId: DEMO_CENTRE_ID,
      role: "official",
      name: "Nguyễn Thị Lan",
      username: "canbo-lan",
    }),
  ];
}
