import { WEEKDAY_KEYS } from "@hailong/protocol";
import { z } from "zod";

/** Service fields a counter handles; each centre has a department responsible for each field it offers. */
export const KNOWN_FIELDS = {
  "ho-tich": "Hộ tịch (civil status)",
  "xay-dung": "Xây dựng (construction)",
  "dat-dai": "Đất đai (land)",
  "kinh-doanh": "Kinh doanh (business registration)",
  "chung-thuc": "Chứng thực (certification)",
  "lao-dong": "Lao động - Thương binh xã hội (labour and social affairs)",
  "tong-hop": "Tổng hợp (general)",
} as const;

/** `official`: a cán bộ serving at counters, whose login (linked from `officials[].personId`) sees only their own figures. */
export const ROLES = ["centre_leader", "department_head", "supervisor", "installer", "admin", "official"] as const;
export type Role = (typeof ROLES)[number];

const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
export const FieldSchema = z
  .string()
  .regex(/^[a-z0-9-]{2,32}$/)
  .describe(`service field, e.g. ${Object.keys(KNOWN_FIELDS).join(", ")}`);
export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/)
  .describe("phone number in E.164, e.g. +84901234567");
const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const IntervalsSchema = z.array(z.tuple([TimeOfDaySchema, TimeOfDaySchema])).max(4);

export const OpeningHoursSchema = z
  .object({
    mon: IntervalsSchema.default([]),
    tue: IntervalsSchema.default([]),
    wed: IntervalsSchema.default([]),
    thu: IntervalsSchema.default([]),
    fri: IntervalsSchema.default([]),
    sat: IntervalsSchema.default([]),
    sun: IntervalsSchema.default([]),
  })
  .strict()
  .describe("local-time opening intervals per weekday, e.g. mon: [[07:30, 11:30], [13:00, 17:00]]");
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const WardSchema = z
  .object({ id: IdSchema, name: z.string().min(1), district: z.string().optional(), city: z.string().optional() })
  .strict();
export const CentreSchema = z
  .object({
    id: IdSchema,
    wardId: IdSchema.optional(),
    name: z.string().min(1),
    address: z.string().optional(),
    openingHours: OpeningHoursSchema,
  })
  .strict();
export const DepartmentSchema = z
  .object({ id: IdSchema, centreId: IdSchema, field: FieldSchema, name: z.string().min(1) })
  .strict();
export const CounterSchema = z
  .object({
    id: IdSchema,
    centreId: IdSchema,
    field: FieldSchema,
    name: z.string().min(1),
    agentId: IdSchema.optional(),
    active: z.boolean().default(true),
  })
  .strict();
/** How a person hears about incidents: per incident, a daily digest, or both. */
export const ALERT_DELIVERIES = ["sms", "digest", "both"] as const;
export type AlertDelivery = (typeof ALERT_DELIVERIES)[number];
/** A person's delivery when the directory says nothing: an SMS per incident (the digest hour unused). */
export const PERSON_DELIVERY_DEFAULTS = { alertDelivery: "sms", digestHour: 17 } as const;

export const PersonSchema = z
  .object({
    id: IdSchema,
    centreId: IdSchema.optional().describe("omitted for hub-wide admins"),
    departmentId: IdSchema.optional(),
    role: z.enum(ROLES),
    name: z.string().min(1),
    phone: E164Schema.optional(),
    email: z.email().optional(),
    username: z.string().min(2).max(64).optional(),
    passwordHash: z.string().startsWith("$argon2").optional().describe("argon2 hash; never a plain password"),
    escalationRank: z.number().int().min(0).default(0).describe("0 is asked first among people of the same role"),
    active: z.boolean().default(true),
    alertDelivery: z
      .enum(ALERT_DELIVERIES)
      .default(PERSON_DELIVERY_DEFAULTS.alertDelivery)
      .describe("sms: one SMS per incident; digest: one summary SMS a day instead; both"),
    digestHour: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(PERSON_DELIVERY_DEFAULTS.digestHour)
      .describe("local hour (the SMS time zone) of the daily digest, for digest and both"),
  })
  .strict();

/** An official (cán bộ) who serves citizens at counters; `personId` links the account that may see their own figures. */
export const OfficialSchema = z
  .object({
    id: IdSchema,
    centreId: IdSchema,
    name: z.string().min(1),
    personId: IdSchema.optional().describe("the official's own login, if any: lets them see their own figures"),
    active: z.boolean().default(true),
  })
  .strict();
/** One line of the roster: an official serves a counter on these weekdays between start and end (local time). */
export const RosterShiftSchema = z
  .object({
    id: IdSchema,
    officialId: IdSchema,
    counterId: IdSchema,
    days: z.array(z.enum(WEEKDAY_KEYS)).min(1),
    start: TimeOfDaySchema,
    end: TimeOfDaySchema,
    validFrom: z.iso.date().optional().describe("first day (yyyy-mm-dd) the shift applies; omitted: always"),
    validTo: z.iso.date().optional().describe("last day (yyyy-mm-dd) the shift applies; omitted: open-ended"),
  })
  .strict();

export const DirectorySeedSchema = z
  .object({
    wards: z.array(WardSchema).default([]),
    centres: z.array(CentreSchema).default([]),
    departments: z.array(DepartmentSchema).default([]),
    counters: z.array(CounterSchema).default([]),
    people: z.array(PersonSchema).default([]),
    officials: z.array(OfficialSchema).default([]),
    roster: z.array(RosterShiftSchema).default([]),
  })
  .strict();

export type Ward = z.infer<typeof WardSchema>;
export type Centre = z.infer<typeof CentreSchema>;
export type Department = z.infer<typeof DepartmentSchema>;
export type Counter = z.infer<typeof CounterSchema>;
export type PersonInput = z.infer<typeof PersonSchema>;
/** A person as listed: never carries the password hash. */
export type Person = Omit<PersonInput, "passwordHash">;
export type DirectorySeed = z.infer<typeof DirectorySeedSchema>;
export type Official = z.infer<typeof OfficialSchema>;
export type RosterShift = z.infer<typeof RosterShiftSchema>;
