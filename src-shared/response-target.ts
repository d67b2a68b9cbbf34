// Each connection's response-time rule: how fast its marketplace wants the shop to answer,
// optionally counted in business hours, and over which rolling window it scores the shop.
// Shared by the contract (API, IPC), the service that computes the figures and Settings.
import { z } from 'zod';

/** Whether the runtime knows this IANA time zone (e.g. Europe/Paris). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris');

/** "HH:MM", 00:00 to 24:00 (24:00 is the end of the day). */
const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time such as 09:00 (24:00 for the end of the day)');

/** Minutes since midnight of an "HH:MM" time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const businessHoursSchema = z
  .object({
    /** The connection's own time zone: where its opening hours are read. */
    timeZone: timeZoneSchema,
    /** Open days, ISO weekdays (1 Monday … 7 Sunday). */
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'must name at least one open day')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
    opens: clockTimeSchema,
    closes: clockTimeSchema,
  })
  .refine((h) => minutesOf(h.opens) < minutesOf(h.closes), { message: 'must close after it opens', path: ['closes'] });

export const responseTargetSchema = z.object({
  /** Answer within this many seconds (of business time when businessHours is set). */
  targetSeconds: z.number().int().min(60).max(30 * 86_400),
  /** The marketplace's warning threshold, when it has one (PcComponentes warns at 20 h); null: none. */
  warningSeconds: z.number().int().min(60).max(30 * 86_400).nullable(),
  /** The rolling window over which the marketplace scores the shop, in days. */
  scoringWindowDays: z.number().int().min(1).max(365),
  /** Null: every hour counts. Set: only these hours count. */
  businessHours: businessHoursSchema.nullable(),
  /** Which preset it was made from (a RESPONSE_TARGET_PRESETS id), or null when edited by hand. */
  preset: z.string().max(40).nullable(),
});

export type BusinessHours = z.infer<typeof businessHoursSchema>;
export type ResponseTarget = z.infer<typeof responseTargetSchema>;

const HOUR = 3_600;

export const DEFAULT_RESPONSE_TARGET: ResponseTarget = {
  targetSeconds: 24 * HOUR,
  warningSeconds: null,
  scoringWindowDays: 30,
  businessHours: null,
  preset: 'default',
};

export interface ResponseTargetPreset {
  id: string;
  label: string;
  /** The rule in the marketplace's words. */
  rule: string;
  target: ResponseTarget;
}

/** The marketplaces' published rules (issue 11); anything else is entered by hand. */
export const RESPONSE_TARGET_PRESETS: readonly ResponseTargetPreset[] = [
  { id: 'default', label: '24 hours', rule: 'Answer within 24 hours, every hour counting, over the last 30 days.', target: DEFAULT_RESPONSE_TARGET },
  {
    id: 'pccomponentes',
    label: 'PcComponentes',
    rule: 'Warned at 20 hours, limited at 24 hours, over a rolling 30 days.',
    target: { targetSeconds: 24 * HOUR, warningSeconds: 20 * HOUR, scoringWindowDays: 30, businessHours: null, preset: 'pccomponentes' },
  },
  {
    id: 'bestbuy-ca',
    label: 'Best Buy Canada',
    rule: 'Answer within one business day (Monday to Friday, Toronto time), over the last 30 days.',
    target: {
      targetSeconds: 24 * HOUR,
      warningSeconds: null,
      scoringWindowDays: 30,
      businessHours: { timeZone: 'America/Toronto', days: [1, 2, 3, 4, 5], opens: '00:00', closes: '24:00' },
      preset: 'bestbuy-ca',
    },
  },
  {
    id: 'conrad',
    label: 'Conrad',
    rule: 'Answer within 48 hours, over three months.',
    target: { targetSeconds: 48 * HOUR, warningSeconds: null, scoringWindowDays: 90, businessHours: null, preset: 'conrad' },
  },
];

/** Open waits by age: the buckets of the cockpit's chart and of the list filter `waitAge`. */
export const WAIT_AGE_BUCKETS = [
  { id: 'lt1h', label: 'under 1 h', fromHours: 0, toHours: 1 },
  { id: '1to4h', label: '1–4 h', fromHours: 1, toHours: 4 },
  { id: '4to12h', label: '4–12 h', fromHours: 4, toHours: 12 },
  { id: '12to20h', label: '12–20 h', fromHours: 12, toHours: 20 },
  { id: '20to24h', label: '20–24 h', fromHours: 20, toHours: 24 },
  { id: 'gt24h', label: 'over 24 h', fromHours: 24, toHours: null },
] as const;

export type WaitAgeBucket = (typeof WAIT_AGE_BUCKETS)[number]['id'];
export const waitAgeBucketSchema = z.enum(WAIT_AGE_BUCKETS.map((b) => b.id) as [WaitAgeBucket, ...WaitAgeBucket[]]);
