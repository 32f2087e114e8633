// A lesson: what incidents teach, in one sentence a board can read.
import * as z from "zod";
import { KebabIdSchema } from "./control.js";

/** A lesson drawn from one or more incidents. */
export const LessonSchema = z.strictObject({
  id: KebabIdSchema,
  title: z.string().min(1),
  narrative: z.string().min(1),
  incidents: z.array(KebabIdSchema).min(1),
});

/** A lesson drawn from one or more incidents. */
export type Lesson = z.infer<typeof LessonSchema>;

/** The file `lessons.yaml`. */
export const LessonsFileSchema = z.strictObject({ lessons: z.array(LessonSchema).min(1) });
