import { z } from "zod";
import { IdSchema } from "../messages/common.js";
import { RoleSchema } from "./common.js";

export const CentreDtoSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    district: z.string().nullable(),
  })
  .strict();
export type CentreDto = z.infer<typeof CentreDtoSchema>;

export const DepartmentDtoSchema = z
  .object({
    id: IdSchema,
    centreId: IdSchema,
    name: z.string(),
  })
  .strict();
export type DepartmentDto = z.infer<typeof DepartmentDtoSchema>;

export const CounterDtoSchema = z
  .object({
    id: IdSchema,
    centreId: IdSchema,
    departmentId: IdSchema.nullable(),
    name: z.string(),
    field: z
      .string()
      .describe("service field (lĩnh vực), e.g. civil-status, land, business; counters of one field are compared"),
    agentId: IdSchema.nullable().describe("edge agent serving this counter"),
  })
  .strict();
export type CounterDto = z.infer<typeof CounterDtoSchema>;

export const PersonDtoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string().describe("directory role, e.g. leader, department_head, supervisor, installer"),
    centreId: IdSchema.nullable(),
    departmentId: IdSchema.nullable(),
    phoneMasked: z.string().nullable().describe("e.g. +8490****567; full numbers never leave the hub"),
  })
  .strict();
export type PersonDto = z.infer<typeof PersonDtoSchema>;

/** GET /api/directory: everything the signed-in user may see. */
export const DirectoryResponseSchema = z
  .object({
    centres: z.array(CentreDtoSchema),
    departments: z.array(DepartmentDtoSchema),
    counters: z.array(CounterDtoSchema),
    people: z.array(PersonDtoSchema),
    fields: z.array(z.string()).describe("distinct counter fields"),
  })
  .strict();
export type DirectoryResponse = z.infer<typeof DirectoryResponseSchema>;

export const UserDtoSchema = z
  .object({ username: z.string(), displayName: z.string(), role: RoleSchema, centreId: IdSchema.nullable() })
  .strict();
export type UserDto = z.infer<typeof UserDtoSchema>;
