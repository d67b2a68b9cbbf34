// Saved replies' little language, the same in the service (the render route, the checks
// when a reply is saved or sent) and in the renderer (the picker's preview, the composer's
// fill-in fields). Pure TypeScript: no node:, no DOM.
//
//   {{customer.firstName}}   a value taken from the conversation and its order
//   {{ask:Return address}}   a field the technician fills in before sending
//
// A variable without a value for this conversation (no tracking number yet) stays in the
// rendered body as written, and so does a field: the composer highlights both and will not
// send while one is left, and the service refuses a body that still holds one.

export interface TemplateVariable {
  name: string;
  /** What it is, for Settings' list of variables. */
  label: string;
  example: string;
}

export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = [
  { name: 'customer.firstName', label: "Customer's first name", example: 'Camille' },
  { name: 'customer.lastName', label: "Customer's last name", example: 'Martin' },
  { name: 'customer.name', label: "Customer's full name", example: 'Camille Martin' },
  { name: 'order.id', label: 'Order id', example: '20000037-A' },
  { name: 'order.commercialId', label: 'Commercial order id', example: '20000037' },
  { name: 'order.date', label: 'Order date', example: '12 March 2025' },
  { name: 'order.state', label: 'Order state', example: 'shipped' },
  { name: 'order.carrier', label: 'Carrier', example: 'Colissimo' },
  { name: 'order.trackingNumber', label: 'Tracking number', example: '6A12345678901' },
  { name: 'order.trackingUrl', label: 'Tracking link', example: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' },
  { name: 'order.lines', label: 'Items ordered (titles)', example: 'Desk lamp, Lampshade' },
  { name: 'marketplace.name', label: 'Marketplace', example: 'Carrefour' },
  { name: 'shop.name', label: 'Your shop', example: 'Maison Lumière' },
  { name: 'signature', label: 'Your signature (Settings)', example: 'Tom, customer service' },
];

export type TemplateVariableName = (typeof TEMPLATE_VARIABLES)[number]['name'];
const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES.map((v) => v.name));

export const ASK_PREFIX = 'ask:';
export const FIELD_MAX = 60;

/** One {{…}} with its content; `[^{}]` keeps a stray brace from swallowing the text after it. */
const TOKEN = /\{\{([^{}]*)\}\}/g;

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; raw: string }
  | { kind: 'field'; label: string; raw: string };

/** The template cut into text, variables and fields, in order. Unknown names come out as variables. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    const at = match.index;
    if (at > last) parts.push({ kind: 'text', text: template.slice(last, at) });
    const inner = (match[1] ?? '').trim();
    if (inner.toLowerCase().startsWith(ASK_PREFIX)) parts.push({ kind: 'field', label: inner.slice(ASK_PREFIX.length).trim(), raw: match[0] });
    else parts.push({ kind: 'variable', name: inner, raw: match[0] });
    last = at + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

export interface TemplateProblem {
  message: string;
}

/** What is wrong with a template, for the technician saving it: unknown variables, empty fields, stray braces. */
export function templateProblems(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const unknown = new Set<string>();
  for (const part of parseTemplate(template)) {
    if (part.kind === 'variable' && !KNOWN.has(part.name)) unknown.add(part.raw);
    if (part.kind === 'field' && part.label === '') problems.push({ message: `${part.raw} needs a name, e.g. {{ask:Return address}}` });
    if (part.kind === 'field' && part.label.length > FIELD_MAX) problems.push({ message: `A field name is at most ${FIELD_MAX} characters` });
    if (part.kind === 'text' && (part.text.includes('{{') || part.text.includes('}}'))) {
      problems.push({ message: 'A {{ has no matching }} (or the reverse)' });
    }
  }
  for (const raw of unknown) {
    problems.unshift({ message: `Unknown variable ${raw}: use one of ${TEMPLATE_VARIABLES.map((v) => `{{${v.name}}}`).join(', ')}, or {{ask:Field name}}` });
  }
  return problems;
}

/** What a conversation gives its saved replies (null or '' where it has nothing). */
export interface ReplyContext {
  customer: { firstName: string | null; lastName: string | null; name: string | null };
  order: {
    id: string;
    commercialId: string | null;
    /** ISO date-time. */
    createdAt: string | null;
    /** Mirakl's order_state code, e.g. SHIPPED. */
    state: string | null;
    carrier: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    lineTitles: string[];
  } | null;
  marketplaceName: string;
  shopName: string | null;
  signature: string;
}

export interface RenderedReply {
  /** Values filled in; variables without a value and fields left as written. */
  body: string;
  /** Variables with no value here, in order of first appearance (e.g. order.trackingNumber). */
  missing: string[];
  /** Fields to fill in, by label, in order of first appearance. */
  fields: string[];
}

/** A saved reply's body for one conversation, in `language` (dates and order states are written in it). */
export function renderTemplate(template: string, context: ReplyContext, language: string | null): RenderedReply {
  const missing: string[] = [];
  const fields: string[] = [];
  let body = '';
  for (const part of parseTemplate(template)) {
    if (part.kind === 'text') body += part.text;
    else if (part.kind === 'field') {
      if (!fields.includes(part.label)) fields.push(part.label);
      body += part.raw;
    } else {
      const value = KNOWN.has(part.name) ? valueOf(part.name as TemplateVariableName, context, language) : null;
      if (value === null || value.trim() === '') {
        if (!missing.includes(part.name)) missing.push(part.name);
        body += part.raw;
      } else {
        body += value;
      }
    }
  }
  return { body, missing, fields };
}

/** The {{…}} left in a text that a reply must not be sent with: fields and known variables, as written. */
export function unfilledPlaceholders(text: string): Array<{ raw: string; start: number; end: number; label: string }> {
  const found: Array<{ raw: string; start: number; end: number; label: string }> = [];
  for (const match of text.matchAll(TOKEN)) {
    const inner = (match[1] ?? '').trim();
    const isField = inner.toLowerCase().startsWith(ASK_PREFIX);
    if (!isField && !KNOWN.has(inner)) continue; // someone's own braces, not ours
    const label = isField ? inner.slice(ASK_PREFIX.length).trim() : (TEMPLATE_VARIABLES.find((v) => v.name === inner)?.label ?? inner);
    found.push({ raw: match[0], start: match.index, end: match.index + match[0].length, label });
  }
  return found;
}

function valueOf(name: TemplateVariableName, context: ReplyContext, language: string | null): string | null {
  const { customer, order } = context;
  switch (name) {
    case 'customer.firstName':
      return customer.firstName;
    case 'customer.lastName':
      return customer.lastName;
    case 'customer.name':
      return customer.name ?? ([customer.firstName, customer.lastName].filter(Boolean).join(' ') || null);
    case 'order.id':
      return order?.id ?? null;
    case 'order.commercialId':
      return order?.commercialId ?? null;
    case 'order.date':
      return order?.createdAt ? formatOrderDate(order.createdAt, language) : null;
    case 'order.state':
      return order?.state ? orderStateWords(order.state, language) : null;
    case 'order.carrier':
      return order?.carrier ?? null;
    case 'order.trackingNumber':
      return order?.trackingNumber ?? null;
    case 'order.trackingUrl':
      return order?.trackingUrl ?? null;
    case 'order.lines':
      return order && order.lineTitles.length > 0 ? order.lineTitles.join(', ') : null;
    case 'marketplace.name':
      return context.marketplaceName;
    case 'shop.name':
      return context.shopName;
    case 'signature':
      return context.signature;
    default:
      return null;
  }
}

/** "12 mars 2025", "12 March 2025", "12. März 2025"… in the reply's language. */
export function formatOrderDate(iso: string, language: string | null): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const locale = language ?? 'en';
  try {
    let formatter = dateFormats.get(locale);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      dateFormats.set(locale, formatter);
    }
    return formatter.format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** Making a formatter costs more than rendering a reply: one per language, made once. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

type Words = Record<string, string>;
/** Mirakl's order states as a customer reads them, in the languages saved replies are written in. */
const ORDER_STATES: Record<string, Words> = {
  STAGING: { en: 'being validated', fr: 'en cours de validation', de: 'in Prüfung', es: 'en validación', it: 'in convalida' },
  WAITING_ACCEPTANCE: { en: 'awaiting confirmation', fr: 'en attente de confirmation', de: 'wartet auf Bestätigung', es: 'pendiente de confirmación', it: 'in attesa di conferma' },
  WAITING_DEBIT: { en: 'awaiting payment', fr: 'en attente de paiement', de: 'wartet auf Zahlung', es: 'pendiente de pago', it: 'in attesa di pagamento' },
  WAITING_DEBIT_PAYMENT: { en: 'awaiting payment', fr: 'en attente de paiement', de: 'wartet auf Zahlung', es: 'pendiente de pago', it: 'in attesa di pagamento' },
  SHIPPING: { en: 'being prepared for shipping', fr: 'en préparation', de: 'in Vorbereitung', es: 'en preparación', it: 'in preparazione' },
  SHIPPED: { en: 'shipped', fr: 'expédiée', de: 'versandt', es: 'enviado', it: 'spedito' },
  TO_COLLECT: { en: 'ready for collection', fr: 'prête à être retirée', de: 'abholbereit', es: 'listo para recoger', it: 'pronto per il ritiro' },
  RECEIVED: { en: 'delivered', fr: 'livrée', de: 'zugestellt', es: 'entregado', it: 'consegnato' },
  CLOSED: { en: 'closed', fr: 'clôturée', de: 'abgeschlossen', es: 'cerrado', it: 'chiuso' },
  REFUSED: { en: 'refused', fr: 'refusée', de: 'abgelehnt', es: 'rechazado', it: 'rifiutato' },
  CANCELED: { en: 'cancelled', fr: 'annulée', de: 'storniert', es: 'cancelado', it: 'annullato' },
};

export function orderStateWords(state: string, language: string | null): string {
  const words = ORDER_STATES[state];
  if (!words) return state.toLowerCase().replace(/_/g, ' ');
  return words[language ?? 'en'] ?? words.en ?? state;
}

/** "fr_FR", "fr-CA", "FR" → "fr"; null when it does not look like a language. */
export function languageOfLocale(locale: string | null | undefined): string | null {
  const match = /^([a-z]{2,3})(?:[-_]|$)/i.exec(locale?.trim() ?? '');
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** A display name split the way people write theirs: the first word, and the rest. */
export function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  const clean = name?.trim().replace(/\s+/g, ' ') ?? '';
  if (clean === '') return { firstName: null, lastName: null };
  const space = clean.indexOf(' ');
  return space === -1 ? { firstName: clean, lastName: null } : { firstName: clean.slice(0, space), lastName: clean.slice(space + 1) };
}
