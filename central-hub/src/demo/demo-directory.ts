/**
 * The demo's directory: one ward centre with three camera counters (two fields) and a second centre so
 * centre scoping is visible. Every account's password is DEMO_PASSWORD (printed at start).
 */
export const DEMO_PASSWORD = "hailong-demo";

export interface SeedDirectory {
  wards: Array<{ id: string; name: string; district: string; city: string }>;
  centres: Array<{ id: string; wardId: string; name: string; address: string }>;
  departments: Array<{ id: string; centreId: string; field: string; name: string }>;
  counters: Array<{ id: string; centreId: string; field: string; name: string; agentId: string | null }>;
  people: Array<{
    id: string;
    centreId: string | null;
    departmentId: string | null;
    role: string;
    name: string;
    phone: string | null;
    username: string | null;
    escalationRank: number;
  }>;
}

export const DEMO_CENTRE_ID = "hcc-ben-nghe";

export const DEMO_DIRECTORY: SeedDirectory = {
  wards: [
    { id: "ben-nghe", name: "Phường Bến Nghé", district: "Quận 1", city: "TP. Hồ Chí Minh" },
    { id: "da-kao", name: "Phường Đa Kao", district: "Quận 1", city: "TP. Hồ Chí Minh" },
  ],
  centres: [
    {
      id: DEMO_CENTRE_ID,
      wardId: "ben-nghe",
      name: "Trung tâm Phục vụ hành chính công phường Bến Nghé",
      address: "29 Lê Duẩn",
    },
    {
      id: "hcc-da-kao",
      wardId: "da-kao",
      name: "Trung tâm Phục vụ hành chính công phường Đa Kao",
      address: "2 Đinh Tiên Hoàng",
    },
  ],
  departments: [
    { id: "bn-hotich", centreId: DEMO_CENTRE_ID, field: "ho-tich", name: "Bộ phận Hộ tịch" },
    { id: "bn-datdai", centreId: DEMO_CENTRE_ID, field: "dat-dai", name: "Bộ phận Đất đai" },
    { id: "dk-hotich", centreId: "hcc-da-kao", field: "ho-tich", name: "Bộ phận Hộ tịch" },
  ],
  counters: [
    { id: "bn-hotich-1", centreId: DEMO_CENTRE_ID, field: "ho-tich", name: "Quầy Hộ tịch 1", agentId: "agent-bn-1" },
    { id: "bn-hotich-2", centreId: DEMO_CENTRE_ID, field: "ho-tich", name: "Quầy Hộ tịch 2", agentId: "agent-bn-2" },
    { id: "bn-datdai-1", centreId: DEMO_CENTRE_ID, field: "dat-dai", name: "Quầy Đất đai 1", agentId: "agent-bn-3" },
    { id: "dk-hotich-1", centreId: "hcc-da-kao", field: "ho-tich", name: "Quầy Hộ tịch 1", agentId: null },
  ],
  people: [
    {
      id: "p-admin",
      centreId: null,
      departmentId: null,
      role: "admin",
      name: "Quản trị hệ thống",
      phone: null,
      username: "admin",
      escalationRank: 0,
    },
    {
      id: "p-leader",
      centreId: DEMO_CENTRE_ID,
      departmentId: null,
      role: "leader",
      name: "Nguyễn Văn An",
      phone: "+84901234567",
      username: "leader",
      escalationRank: 1,
    },
    {
      id: "p-head-hotich",
      centreId: DEMO_CENTRE_ID,
      departmentId: "bn-hotich",
      role: "department_head",
      name: "Trần Thị Bình",
      phone: "+84907654321",
      username: "head",
      escalationRank: 0,
    },
    {
      id: "p-head-datdai",
      centreId: DEMO_CENTRE_ID,
      departmentId: "bn-datdai",
      role: "department_head",
      name: "Lê Văn Cường",
      phone: "+84903334444",
      username: null,
      escalationRank: 0,
    },
    {
      id: "p-supervisor",
      centreId: DEMO_CENTRE_ID,
      departmentId: null,
      role: "supervisor",
      name: "Phạm Thị Dung",
      phone: "+84905556666",
      username: "supervisor",
      escalationRank: 0,
    },
    {
      id: "p-installer",
      centreId: null,
      departmentId: null,
      role: "installer",
      name: "Võ Minh Em",
      phone: "+84908889999",
      username: "installer",
      escalationRank: 0,
    },
    {
      id: "p-leader-dk",
      centreId: "hcc-da-kao",
      departmentId: null,
      role: "leader",
      name: "Đặng Văn Phúc",
      phone: "+84909990000",
      username: "leader-dakao",
      escalationRank: 1,
    },
  ],
};
