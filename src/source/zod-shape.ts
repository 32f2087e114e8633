// What a zod schema allows at a key path: the keys an object there knows, and whether a value there is a date.
import * as z from "zod";

/** The concrete schemas a value may be checked by: wrappers (optional, nullable, default, pipe) and unions opened. */
function variants(schema: z.core.$ZodType): z.core.$ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return variants(schema.unwrap());
  if (schema instanceof z.ZodPipe) return variants(schema.in);
  if (schema instanceof z.ZodUnion) return schema.options.flatMap(variants);
  return [schema];
}

/** The schemas of the value under `key` of a value checked by `schema`. */
function children(schema: z.core.$ZodType, key: PropertyKey): z.core.$ZodType[] {
  if (schema instanceof z.ZodObject) {
    const shape: Record<PropertyKey, z.core.$ZodType> = schema.shape;
    return Object.hasOwn(shape, key) && shape[key] ? [shape[key]] : [];
  }
  if (schema instanceof z.ZodArray) return typeof key === "number" ? [schema.element] : [];
  if (schema instanceof z.ZodRecord) return [schema.valueType];
  return [];
}

/** Every schema that may check the value at `path` under `schema`. */
export function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  let current = variants(schema);
  for (const key of path) current = current.flatMap((s) => children(s, key)).flatMap(variants);
  return current;
}

/** The keys an object at `path` may have, in the order the schema declares them. */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path).flatMap((s) => (s instanceof z.ZodObject ? Object.keys(s.shape) : []));
  return [...new Set(keys)];
}

/** True when the value at `path` must be an ISO date (`YYYY-MM-DD`). */
export function isDateAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): boolean {
  return schemasAt(schema, path).some((s) => s instanceof z.ZodISODate);
}
