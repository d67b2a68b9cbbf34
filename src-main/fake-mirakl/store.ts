/**
 * An in-memory Mirakl marketplace, as seen by one shop: inbox threads, orders, attachments
 * and the shop account. Objects are kept in the exact wire shape of the seller API (M10 /
 * OR11 / A01, snake_case) so the fake server can answer with them directly.
 *
 * Dates: every `date_updated` produced by a live change (new message, touch) is strictly
 * greater than the previous one by at least 1 ms, because real Mirakl timestamps have ms
 * precision and ties would make `updated_since` incremental sync ambiguous.
 */
import { randomUUID } from 'node:crypto';

// ---------------------------------------------------------------------------------------
// Wire types (subset of the seller API, field names exactly as in the spec)

export type ParticipantType = 'SHOP' | 'CUSTOMER' | 'OPERATOR';
export type SenderType = 'CUSTOMER_USER' | 'SHOP_USER' | 'OPERATOR_USER';
export type TopicType = 'FREE_TEXT' | 'REASON_CODE';

export interface MiraklParticipant {
  type: ParticipantType;
  /** Absent for OPERATOR, as on real Mirakl. */
  id?: string;
  /** "" for a customer the marketplace gives no name (the order, OR11, has it). */
  display_name: string;
}

export interface MiraklSender {
  type: SenderType;
  display_name: string;
  organization_details?: MiraklParticipant;
}

export interface MiraklAttachment {
  id: string;
  name: string;
  size: number;
}

export interface MiraklMessage {
  id: string;
  /** Null on a message that only carries attachments, as real shops send it. */
  body: string | null;
  date_created: string;
  from: MiraklSender;
  to: MiraklParticipant[];
  /** Optional in the spec: some messages without attachments leave it out. */
  attachments?: MiraklAttachment[];
}

export interface MiraklTopic {
  type: TopicType;
  value: string;
}

export interface MiraklEntity {
  type: string;
  id: string;
  /** Null on some real threads. */
  label: string | null;
}

export interface MiraklThreadMetadata {
  last_message_date: string;
  last_sender: MiraklSender;
  shop_reply_needed_since: string | null;
  total_count: number;
}

export interface MiraklNoStoreReplyNeeded {
  date: string;
  user_type: 'OPERATOR' | 'SHOP';
}

/** M10 shape: the whole thread with all its messages, oldest first. */
export interface MiraklThread {
  id: string;
  topic: MiraklTopic;
  entities: MiraklEntity[];
  authorized_participants: MiraklParticipant[];
  current_participants: MiraklParticipant[];
  date_created: string;
  date_updated: string;
  metadata: MiraklThreadMetadata;
  no_store_reply_needed: MiraklNoStoreReplyNeeded[];
  messages: MiraklMessage[];
}

export type OrderState =
  | 'STAGING'
  | 'WAITING_ACCEPTANCE'
  | 'WAITING_DEBIT'
  | 'WAITING_DEBIT_PAYMENT'
  | 'SHIPPING'
  | 'SHIPPED'
  | 'TO_COLLECT'
  | 'RECEIVED'
  | 'CLOSED'
  | 'REFUSED'
  | 'CANCELED';

export interface MiraklOrderCustomer {
  customer_id: string;
  firstname: string;
  lastname: string;
  civility?: string;
  locale: string;
  /** Null before shipping on most operators' settings; the spec marks them required. */
  billing_address: null;
  shipping_address: null;
}

export interface MiraklProductMedia {
  media_url: string;
  mime_type: string;
  type: string;
}

export interface MiraklOrderLine {
  order_line_id: string;
  order_line_index: number;
  order_line_state: OrderState;
  product_title: string;
  product_sku: string;
  product_shop_sku: string;
  product_medias: MiraklProductMedia[];
  offer_id: number;
  offer_sku: string;
  offer_state_code: string;
  category_code: string;
  category_label: string;
  description: string;
  quantity: number;
  price_unit: number;
  price: number;
  shipping_price: number;
  total_price: number;
  commission_fee: number;
  commission_rate_vat: number;
  commission_vat: number;
  total_commission: number;
  can_refund: boolean;
  cancelations: unknown[];
  refunds: unknown[];
  order_line_additional_fields: unknown[];
  taxes: unknown[];
  shipping_taxes: unknown[];
  created_date: string;
  last_updated_date: string;
  debited_date?: string;
  shipped_date?: string;
  received_date?: string;
}

/** OR11 shape of one order. */
export interface MiraklOrder {
  order_id: string;
  commercial_id: string;
  created_date: string;
  last_updated_date: string;
  acceptance_decision_date?: string;
  customer_debited_date?: string;
  order_state: OrderState;
  order_tax_mode: 'TAX_INCLUDED' | 'TAX_EXCLUDED';
  currency_iso_code: string;
  price: number;
  shipping_price: number;
  total_price: number;
  total_commission: number;
  customer: MiraklOrderCustomer;
  customer_notification_email: string;
  order_lines: MiraklOrderLine[];
  shipping_tracking?: string;
  shipping_tracking_url?: string;
  shipping_company?: string;
  shipping_carrier_code?: string;
  shipping_deadline: string;
  shipping_type_code: string;
  shipping_type_label: string;
  shipping_zone_code: string;
  shipping_zone_label: string;
  leadtime_to_ship: number;
  can_cancel: boolean;
  can_shop_ship: boolean;
  fully_refunded: boolean;
  has_customer_message: boolean;
  has_incident: boolean;
  has_invoice: boolean;
  fulfillment: { center: { code: string } };
  paymentType: string;
  payment_type: string;
  payment_workflow: string;
  order_additional_fields: unknown[];
  references: { order_reference_for_customer: string; order_reference_for_seller: string };
}

/** RE02 / RE14 shape of one reason. */
export interface MiraklReason {
  code: string;
  label: string;
}

/** The MESSAGING reasons of Mirakl's own example (RE14): the codes real threads carry as topics. */
export const DEFAULT_MESSAGING_REASONS: readonly MiraklReason[] = [
  { code: '20', label: 'Question about delivery' },
  { code: '21', label: 'Cancel the order' },
  { code: '22', label: 'Issue with item received' },
  { code: '23', label: 'Item not received' },
  { code: '24', label: 'Request an invoice' },
  { code: '25', label: 'Information on the product' },
  { code: '26', label: 'Other question' },
];

/** OR72 shape of one order document. */
export interface MiraklOrderDocument {
  id: number;
  order_id: string;
  file_name: string;
  file_size: number;
  type: string;
  date_uploaded: string;
}

/** A01 shape (required fields plus a few useful optional ones). */
export interface MiraklShop {
  shop_id: number;
  shop_name: string;
  shop_state: 'OPEN' | 'CLOSE' | 'SUSPENDED' | 'TERMINATED';
  currency_iso_code: string;
  date_created: string;
  last_updated_date: string;
  description: string;
  is_professional: boolean;
  premium: boolean;
  free_shipping: boolean;
  payment_method_mandatory: boolean;
  channels: string[];
  domains: string[];
  evaluations_count: number;
  offers_count: number;
  orders_count: number;
  order_messages_response_delay: number;
  shipping_types: string[];
  shipping_zones: string[];
  shipping_country: string;
  shipping: { lead_time_to_ship: number };
  shop_additional_fields: Array<{ code: string; type: string; value: string }>;
  billing_info: { bank_name: string; bic: string; iban: string; owner: string };
  contact_informations: {
    civility: string;
    firstname: string;
    lastname: string;
    email: string;
    phone: string;
    street1: string;
    zip_code: string;
    city: string;
    country: string;
    web_site: string;
  };
  default_billing_information: {
    id: string;
    default_language: string;
    registration_address: { street_1: string; zip_code: string; city: string; country_iso_code: string };
  };
  payment_details: { paid_balance: number; payable_balance: number; pending_balance: number };
  pro_details: { corporate_name: string; identification_number: string; tax_identification_number: string };
}

// ---------------------------------------------------------------------------------------
// Errors the HTTP layer turns into Mirakl's JSON `{message, status}`

export class FakeMiraklError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FakeMiraklError';
  }
}

// ---------------------------------------------------------------------------------------
// Helpers shared with the demo-data generator

const dateScratch = Buffer.alloc(24);

/** Mirakl prints dates in UTC, with milliseconds only when there are some. */
export function formatMiraklDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (ms % 1000 !== 0 || iso.length !== 24) return iso;
  // Through a buffer, so the result is one flat string rather than a slice of `iso` plus
  // "Z" (three heap objects): demo inboxes hold hundreds of thousands of dates.
  dateScratch.write(iso, 0, 'latin1');
  dateScratch[19] = 0x5a; // 'Z'
  return dateScratch.toString('latin1', 0, 20);
}

/** A thread holds at most this many messages (M12 refuses beyond). */
export const MAX_MESSAGES_PER_THREAD = 1000;

function waitsForShopReply(message: MiraklMessage): boolean {
  return message.from.type !== 'SHOP_USER' && message.to.some((p) => p.type === 'SHOP');
}

/**
 * Thread metadata from its messages. `shop_reply_needed_since` is the date of the first
 * message addressed to the shop after the shop's last reply, null when there is none.
 */
export function deriveMetadata(messages: readonly MiraklMessage[]): MiraklThreadMetadata {
  const last = messages[messages.length - 1];
  if (!last) throw new Error('a Mirakl thread always has at least one message');
  let replyNeededSince: string | null = null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.from.type === 'SHOP_USER') break;
    if (waitsForShopReply(message)) replyNeededSince = message.date_created;
  }
  return {
    last_message_date: last.date_created,
    last_sender: last.from,
    shop_reply_needed_since: replyNeededSince,
    total_count: messages.length,
  };
}

function participantTypeOfSender(type: SenderType): ParticipantType {
  if (type === 'CUSTOMER_USER') return 'CUSTOMER';
  if (type === 'SHOP_USER') return 'SHOP';
  return 'OPERATOR';
}

/** The participants who actually took part (wrote or were addressed), in authorized order. */
export function deriveCurrentParticipants(
  authorized: readonly MiraklParticipant[],
  messages: readonly MiraklMessage[],
): MiraklParticipant[] {
  const involved = new Set<ParticipantType>();
  for (const message of messages) {
    involved.add(participantTypeOfSender(message.from.type));
    for (const recipient of message.to) involved.add(recipient.type);
  }
  return authorized.filter((p) => involved.has(p.type));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const FILE_SIGNATURES: ReadonlyArray<[RegExp, number[]]> = [
  [/\.jpe?g$/i, [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]],
  [/\.png$/i, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  [/\.pdf$/i, [...Buffer.from('%PDF-1.4\n')]],
];

/**
 * Bytes for an attachment nobody uploaded (demo data): deterministic from its id, of the
 * declared size, starting with the file type's magic number so viewers recognise it.
 */
export function syntheticAttachmentBytes(attachment: MiraklAttachment): Buffer {
  const bytes = Buffer.allocUnsafe(attachment.size);
  let state = fnv1a(attachment.id) || 1;
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes.writeUInt32LE(state >>> 0, i);
  }
  for (; i < bytes.length; i++) bytes[i] = (state >>> (8 * (i % 4))) & 0xff;
  const signature = FILE_SIGNATURES.find(([pattern]) => pattern.test(attachment.name))?.[1];
  if (signature) for (let j = 0; j < signature.length && j < bytes.length; j++) bytes[j] = signature[j]!;
  return bytes;
}

// ---------------------------------------------------------------------------------------
// Builders for orders and the shop

export interface OrderLineInput {
  title: string;
  sku?: string;
  quantity?: number;
  unitPrice?: number;
  shippingPrice?: number;
  categoryCode?: string;
  categoryLabel?: string;
}

export interface ShipmentInput {
  company: string;
  carrierCode: string;
  tracking: string;
  trackingUrl: string;
}

export interface AddOrderInput {
  orderId?: string;
  commercialId?: string;
  customer?: { id?: string; firstname: string; lastname: string; locale?: string; civility?: string };
  notificationEmail?: string;
  state?: OrderState;
  createdAt?: Date;
  currency?: string;
  lines?: OrderLineInput[];
  /** Tracking information; omitted when null or when the order is not shipped yet. */
  shipment?: ShipmentInput | null;
}

const SHIPPED_STATES: ReadonlySet<OrderState> = new Set(['SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED']);
const DAY_MS = 86_400_000;

function buildOrder(input: AddOrderInput & { orderId: string; createdMs: number }): MiraklOrder {
  const state = input.state ?? 'SHIPPED';
  const created = formatMiraklDate(input.createdMs);
  const updated = formatMiraklDate(input.createdMs + 2 * DAY_MS + 3_600_000);
  const shipped = SHIPPED_STATES.has(state);
  const commercialId = input.commercialId ?? input.orderId.replace(/-[A-Z]$/, '');
  const customerInput = input.customer ?? { firstname: 'Camille', lastname: 'Martin' };
  const customerId = customerInput.id ?? `CUST-${fnv1a(`${customerInput.firstname} ${customerInput.lastname}`)}`;
  const lineInputs = input.lines?.length ? input.lines : [{ title: 'Lampe de bureau articulée en laiton' }];

  const order_lines = lineInputs.map((line, index): MiraklOrderLine => {
    const quantity = line.quantity ?? 1;
    const priceUnit = round2(line.unitPrice ?? 49.9);
    const price = round2(priceUnit * quantity);
    const shippingPrice = round2(line.shippingPrice ?? 4.9);
    const commissionFee = round2(price * 0.12);
    const commissionVat = round2(commissionFee * 0.2);
    const sku = line.sku ?? `SKU-${fnv1a(line.title) % 1_000_000}`;
    return {
      order_line_id: `${input.orderId}-${index + 1}`,
      order_line_index: index + 1,
      order_line_state: state,
      product_title: line.title,
      product_sku: `MKP${String(fnv1a(sku)).padStart(12, '0')}`,
      product_shop_sku: sku,
      product_medias: [
        { media_url: `/media/product/image/${sku.toLowerCase()}-small.jpg`, mime_type: 'JPEG', type: 'SMALL' },
        { media_url: `/media/product/image/${sku.toLowerCase()}-large.jpg`, mime_type: 'JPEG', type: 'LARGE' },
      ],
      offer_id: 2000 + (fnv1a(sku) % 100_000),
      offer_sku: `OF-${sku}`,
      offer_state_code: '11',
      category_code: line.categoryCode ?? 'HOME-DECO',
      category_label: line.categoryLabel ?? 'Maison & Déco',
      description: '',
      quantity,
      price_unit: priceUnit,
      price,
      shipping_price: shippingPrice,
      total_price: round2(price + shippingPrice),
      commission_fee: commissionFee,
      commission_rate_vat: 20,
      commission_vat: commissionVat,
      total_commission: round2(commissionFee + commissionVat),
      can_refund: shipped,
      cancelations: [],
      refunds: [],
      order_line_additional_fields: [],
      taxes: [],
      shipping_taxes: [],
      created_date: created,
      last_updated_date: updated,
      ...(state !== 'WAITING_ACCEPTANCE' && state !== 'REFUSED' ? { debited_date: formatMiraklDate(input.createdMs + 3_600_000) } : {}),
      ...(shipped ? { shipped_date: formatMiraklDate(input.createdMs + DAY_MS) } : {}),
      ...(state === 'RECEIVED' || state === 'CLOSED' ? { received_date: formatMiraklDate(input.createdMs + 3 * DAY_MS) } : {}),
    };
  });

  const price = round2(order_lines.reduce((sum, l) => sum + l.price, 0));
  const shippingPrice = round2(order_lines.reduce((sum, l) => sum + l.shipping_price, 0));
  const shipment = shipped ? input.shipment : undefined;
  return {
    order_id: input.orderId,
    commercial_id: commercialId,
    created_date: created,
    last_updated_date: updated,
    ...(state !== 'WAITING_ACCEPTANCE' ? { acceptance_decision_date: formatMiraklDate(input.createdMs + 1_800_000) } : {}),
    ...(state !== 'WAITING_ACCEPTANCE' && state !== 'REFUSED'
      ? { customer_debited_date: formatMiraklDate(input.createdMs + 3_600_000) }
      : {}),
    order_state: state,
    order_tax_mode: 'TAX_INCLUDED',
    currency_iso_code: input.currency ?? 'EUR',
    price,
    shipping_price: shippingPrice,
    total_price: round2(price + shippingPrice),
    total_commission: round2(order_lines.reduce((sum, l) => sum + l.total_commission, 0)),
    customer: {
      customer_id: customerId,
      firstname: customerInput.firstname,
      lastname: customerInput.lastname,
      ...(customerInput.civility ? { civility: customerInput.civility } : {}),
      locale: customerInput.locale ?? 'fr_FR',
      billing_address: null,
      shipping_address: null,
    },
    customer_notification_email:
      input.notificationEmail ?? `notification+${fnv1a(customerId).toString(36)}.${fnv1a(input.orderId).toString(36)}@notification.mirakl.net`,
    order_lines,
    ...(shipment
      ? {
          shipping_tracking: shipment.tracking,
          shipping_tracking_url: shipment.trackingUrl,
          shipping_company: shipment.company,
          shipping_carrier_code: shipment.carrierCode,
        }
      : {}),
    shipping_deadline: formatMiraklDate(input.createdMs + 3 * DAY_MS),
    shipping_type_code: 'STD',
    shipping_type_label: 'Standard',
    shipping_zone_code: 'FR-METRO',
    shipping_zone_label: 'France métropolitaine',
    leadtime_to_ship: 2,
    can_cancel: state === 'WAITING_ACCEPTANCE' || state === 'SHIPPING',
    can_shop_ship: state === 'SHIPPING',
    fully_refunded: false,
    has_customer_message: false,
    has_incident: false,
    has_invoice: shipped,
    fulfillment: { center: { code: 'DEFAULT' } },
    paymentType: 'CREDIT_CARD',
    payment_type: 'CREDIT_CARD',
    payment_workflow: 'PAY_ON_ACCEPTANCE',
    order_additional_fields: [],
    references: { order_reference_for_customer: commercialId, order_reference_for_seller: `CMD-${commercialId}` },
  };
}

function buildShop(shopId: number, shopName: string): MiraklShop {
  return {
    shop_id: shopId,
    shop_name: shopName,
    shop_state: 'OPEN',
    currency_iso_code: 'EUR',
    date_created: '2021-03-15T09:12:44Z',
    last_updated_date: '2024-01-08T16:40:02Z',
    description: 'Luminaires et objets de décoration fabriqués en Europe.',
    is_professional: true,
    premium: false,
    free_shipping: false,
    payment_method_mandatory: true,
    channels: ['FR', 'ES', 'DE', 'IT'],
    domains: ['PRODUCT'],
    evaluations_count: 1284,
    offers_count: 3412,
    orders_count: 28190,
    order_messages_response_delay: 14_400,
    shipping_types: ['STD', 'EXP'],
    shipping_zones: ['FR-METRO', 'EU'],
    shipping_country: 'FRA',
    shipping: { lead_time_to_ship: 2 },
    shop_additional_fields: [{ code: 'customer-care-phone', type: 'STRING', value: '+33 1 84 80 12 34' }],
    billing_info: { bank_name: 'Banque Populaire', bic: 'CCBPFRPPXXX', iban: 'FR7610107001011234567890129', owner: shopName },
    contact_informations: {
      civility: 'Mrs',
      firstname: 'Inès',
      lastname: 'Fabre',
      email: 'service.client@example.com',
      phone: '+33 1 84 80 12 34',
      street1: '12 rue de la Verrerie',
      zip_code: '75004',
      city: 'Paris',
      country: 'FRA',
      web_site: 'https://www.example.com',
    },
    default_billing_information: {
      id: '5b0a3c7e-2f41-4c8e-9a65-0d2f7c9e1a44',
      default_language: 'fr_FR',
      registration_address: { street_1: '12 rue de la Verrerie', zip_code: '75004', city: 'Paris', country_iso_code: 'FRA' },
    },
    payment_details: { paid_balance: 18_240.5, payable_balance: 1_312.8, pending_balance: 4_087.35 },
    pro_details: { corporate_name: `${shopName} SAS`, identification_number: '81234567800019', tax_identification_number: 'FR40812345678' },
  };
}

// ---------------------------------------------------------------------------------------
// The store

export interface OrderDocumentInput {
  fileName: string;
  /** CUSTOMER_INVOICE, SYSTEM_DELIVERY_BILL, … */
  type: string;
  /** The content, or how to make it when first asked (demo inboxes hold tens of thousands of orders). */
  bytes: Uint8Array | (() => Uint8Array);
  uploadedAt?: Date;
}

/** Attachments one order's threads may hold in all (M12 and OR43 refuse beyond). */
export const MAX_ATTACHMENTS_PER_ORDER = 50;

export interface AttachmentInput {
  name: string;
  /** Uploaded content; when absent, deterministic bytes of `size` are served. */
  bytes?: Uint8Array;
  size?: number;
}

export interface AddMessageOptions {
  /** Exact creation date. Without it the store's clock is used (strictly increasing). */
  at?: Date;
  attachments?: AttachmentInput[];
  id?: string;
}

export interface AddShopMessageOptions extends AddMessageOptions {
  /** Recipients; default: the customer (or the operator on a thread without customer). */
  to?: Array<ParticipantType | { type: ParticipantType; id?: string }>;
  /** M12 may change the thread topic. */
  topic?: MiraklTopic;
}

export interface AddThreadInput {
  id?: string;
  /** The MMP_ORDER entity. Created with defaults if unknown; a new order when absent. */
  orderId?: string;
  /** Defaults to the order's customer. */
  customer?: { id: string; displayName: string };
  topic?: MiraklTopic;
  /** Add the marketplace operator to the authorized participants. */
  withOperator?: boolean;
  /** Author of the first message (default CUSTOMER). */
  from?: ParticipantType;
  body?: string;
  /** Recipients of the first message, default: the other party. */
  to?: ParticipantType[];
  at?: Date;
  attachments?: AttachmentInput[];
  messageId?: string;
}

export interface SeekPosition {
  updatedMs: number;
  id: string;
}

export interface ThreadPageQuery {
  /** Only threads with date_updated >= this (inclusive). */
  updatedSinceMs?: number;
  entityType?: string;
  entityIds?: ReadonlySet<string>;
  /** Return threads strictly after this position in (date_updated DESC, id DESC) order. */
  after?: SeekPosition;
  limit: number;
}

export interface ThreadPage {
  threads: MiraklThread[];
  /** Position of the last returned thread, to continue from. */
  last?: SeekPosition;
  hasMore: boolean;
}

export interface FakeMiraklStoreOptions {
  shopId?: number;
  shopName?: string;
  operatorName?: string;
  /** Clock for live changes; default real time. */
  clock?: () => Date;
}

interface StoredThread {
  thread: MiraklThread;
  updatedMs: number;
}

interface StoredAttachment {
  meta: MiraklAttachment;
  bytes?: Buffer;
}

const realClock = (): Date => new Date();

/** Position comparison in M11 order: date_updated DESC, then id DESC. */
function comesBefore(a: StoredThread, b: StoredThread): number {
  if (a.updatedMs !== b.updatedMs) return b.updatedMs - a.updatedMs;
  return a.thread.id < b.thread.id ? 1 : a.thread.id > b.thread.id ? -1 : 0;
}

function isAfterPosition(entry: StoredThread, position: SeekPosition): boolean {
  return entry.updatedMs < position.updatedMs || (entry.updatedMs === position.updatedMs && entry.thread.id < position.id);
}

/** The seller the fake (and so the embedded demo) answers as. */
export const DEFAULT_SHOP_NAME = 'Maison Lumière';

export class FakeMiraklStore {
  readonly shop: MiraklShop;
  readonly orders = new Map<string, MiraklOrder>();
  readonly shopParticipant: MiraklParticipant;
  readonly operatorParticipant: MiraklParticipant;
  readonly shopSender: MiraklSender;
  readonly operatorSender: MiraklSender;
  /** What RE02 (type MESSAGING) and RE14 answer; tests may change it. */
  messagingReasons: MiraklReason[] = [...DEFAULT_MESSAGING_REASONS];

  private readonly storedThreads = new Map<string, StoredThread>();
  private readonly storedAttachments = new Map<string, StoredAttachment>();
  private readonly documents = new Map<number, { document: Omit<MiraklOrderDocument, 'file_size'>; content: Uint8Array | (() => Uint8Array) }>();
  private nextDocumentId = 5001;
  /** Threads in M11 order; rebuilt lazily after a change. */
  private syncOrderCache: StoredThread[] | null = null;
  private clock: () => Date;
  private clockOffsetMs = 0;
  private lastUpdateMs = 0;
  private nextOrderNumber = 20_000_001;

  constructor(options: FakeMiraklStoreOptions = {}) {
    const shopId = options.shopId ?? 2001;
    const shopName = options.shopName ?? DEFAULT_SHOP_NAME;
    const operatorName = options.operatorName ?? 'Service client Marketplace';
    this.shop = buildShop(shopId, shopName);
    this.shopParticipant = { type: 'SHOP', id: String(shopId), display_name: shopName };
    this.operatorParticipant = { type: 'OPERATOR', display_name: operatorName };
    this.shopSender = { type: 'SHOP_USER', display_name: shopName, organization_details: this.shopParticipant };
    this.operatorSender = { type: 'OPERATOR_USER', display_name: operatorName, organization_details: this.operatorParticipant };
    this.clock = options.clock ?? realClock;
  }

  // --- clock -------------------------------------------------------------------------

  now(): Date {
    return new Date(this.clock().getTime() + this.clockOffsetMs);
  }

  /** Replace the clock (null: real time again). Resets any advance. */
  setClock(clock: (() => Date) | null): void {
    this.clock = clock ?? realClock;
    this.clockOffsetMs = 0;
  }

  /** Freeze the clock at a date. */
  setNow(date: Date): void {
    const fixed = date.getTime();
    this.setClock(() => new Date(fixed));
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** The date of a live change: the clock, but always > the previous change by >= 1 ms. */
  private stampChange(at?: Date): number {
    if (at) {
      const exact = at.getTime();
      this.lastUpdateMs = Math.max(this.lastUpdateMs, exact);
      return exact;
    }
    const stamped = Math.max(this.now().getTime(), this.lastUpdateMs + 1);
    this.lastUpdateMs = stamped;
    return stamped;
  }

  // --- shop & orders ---------------------------------------------------------------------

  addOrder(input: AddOrderInput = {}): MiraklOrder {
    const orderId = input.orderId ?? this.unusedOrderId();
    if (this.orders.has(orderId)) throw new FakeMiraklError(409, `Order ${orderId} already exists`);
    const createdMs = (input.createdAt ?? new Date(this.now().getTime() - 5 * DAY_MS)).getTime();
    const order = buildOrder({ ...input, orderId, createdMs });
    this.orders.set(orderId, order);
    this.shop.orders_count++;
    return order;
  }

  private unusedOrderId(): string {
    let orderId = `${this.nextOrderNumber++}-A`;
    while (this.orders.has(orderId)) orderId = `${this.nextOrderNumber++}-A`;
    return orderId;
  }

  getOrder(orderId: string): MiraklOrder | undefined {
    return this.orders.get(orderId);
  }

  /** Orders sorted as OR11 does by default: created_date, then order id. */
  ordersByCreation(): MiraklOrder[] {
    return [...this.orders.values()].sort((a, b) => {
      const byDate = Date.parse(a.created_date) - Date.parse(b.created_date);
      return byDate !== 0 ? byDate : a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0;
    });
  }

  // --- order documents (OR72, OR73) ---------------------------------------------------

  addOrderDocument(orderId: string, input: OrderDocumentInput): Omit<MiraklOrderDocument, 'file_size'> {
    if (!this.orders.has(orderId)) throw new FakeMiraklError(404, `Order ${orderId} not found`);
    const document = {
      id: this.nextDocumentId++,
      order_id: orderId,
      file_name: input.fileName,
      type: input.type,
      date_uploaded: formatMiraklDate((input.uploadedAt ?? this.now()).getTime()),
    };
    this.documents.set(document.id, { document, content: input.bytes });
    return document;
  }

  /** The documents of these orders (OR72's shape), in upload order. */
  orderDocuments(orderIds: ReadonlySet<string>): MiraklOrderDocument[] {
    const found: MiraklOrderDocument[] = [];
    for (const { document } of this.documents.values()) {
      if (orderIds.has(document.order_id)) found.push(this.orderDocument(document.id)!.document);
    }
    return found;
  }

  orderDocument(id: number): { document: MiraklOrderDocument; bytes: Buffer } | undefined {
    const stored = this.documents.get(id);
    if (!stored) return undefined;
    if (typeof stored.content === 'function') stored.content = stored.content();
    const bytes = Buffer.from(stored.content.buffer, stored.content.byteOffset, stored.content.byteLength);
    return { document: { ...stored.document, file_size: bytes.length }, bytes };
  }

  /** Attachments held by all the threads of an order (Mirakl's limit of 50 counts them together). */
  attachmentsOfOrder(orderId: string): number {
    let count = 0;
    for (const { thread } of this.storedThreads.values()) {
      if (!thread.entities.some((e) => e.type === 'MMP_ORDER' && e.id === orderId)) continue;
      for (const message of thread.messages) count += (message.attachments?.length ?? 0);
    }
    return count;
  }

  // --- attachments -------------------------------------------------------------------

  /** Register an attachment; without bytes, deterministic bytes of `size` are served. */
  addAttachment(input: AttachmentInput & { id?: string }): MiraklAttachment {
    const bytes = input.bytes ? Buffer.from(input.bytes) : undefined;
    const meta: MiraklAttachment = { id: input.id ?? randomUUID(), name: input.name, size: bytes?.length ?? input.size ?? 0 };
    this.storedAttachments.set(meta.id, bytes ? { meta, bytes } : { meta });
    return meta;
  }

  getAttachment(attachmentId: string): MiraklAttachment | undefined {
    return this.storedAttachments.get(attachmentId)?.meta;
  }

  /** The attachment's content (generated on demand for demo attachments, not kept). */
  getAttachmentBytes(attachmentId: string): Buffer | undefined {
    const stored = this.storedAttachments.get(attachmentId);
    if (!stored) return undefined;
    return stored.bytes ?? syntheticAttachmentBytes(stored.meta);
  }

  // --- threads: reading --------------------------------------------------------------

  getThread(threadId: string): MiraklThread | undefined {
    return this.storedThreads.get(threadId)?.thread;
  }

  /** Number of threads. */
  threads(): number {
    return this.storedThreads.size;
  }

  /** All threads, in insertion order. Treat as read-only: change them through the store. */
  listThreads(): MiraklThread[] {
    return [...this.storedThreads.values()].map((s) => s.thread);
  }

  messageCount(): number {
    let count = 0;
    for (const stored of this.storedThreads.values()) count += stored.thread.messages.length;
    return count;
  }

  private syncOrder(): StoredThread[] {
    if (!this.syncOrderCache) this.syncOrderCache = [...this.storedThreads.values()].sort(comesBefore);
    return this.syncOrderCache;
  }

  /** One M11 page: seek pagination over (date_updated DESC, id DESC) with M11's filters. */
  pageThreads(query: ThreadPageQuery): ThreadPage {
    const ordered = this.syncOrder();
    let index = 0;
    if (query.after) {
      // Binary search the first thread strictly after the position.
      let low = 0;
      let high = ordered.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (isAfterPosition(ordered[middle]!, query.after)) high = middle;
        else low = middle + 1;
      }
      index = low;
    }
    const matches = (entry: StoredThread): boolean => {
      if (query.entityType === undefined) return true;
      return entry.thread.entities.some(
        (e) => e.type === query.entityType && (query.entityIds === undefined || query.entityIds.has(e.id)),
      );
    };
    const page: StoredThread[] = [];
    let hasMore = false;
    for (; index < ordered.length; index++) {
      const entry = ordered[index]!;
      if (query.updatedSinceMs !== undefined && entry.updatedMs < query.updatedSinceMs) break;
      if (!matches(entry)) continue;
      if (page.length === query.limit) {
        hasMore = true;
        break;
      }
      page.push(entry);
    }
    const last = page[page.length - 1];
    return {
      threads: page.map((e) => e.thread),
      ...(last ? { last: { updatedMs: last.updatedMs, id: last.thread.id } } : {}),
      hasMore,
    };
  }

  // --- threads: writing --------------------------------------------------------------

  /**
   * Insert a complete thread as is (bulk loading, demo data). Its attachments become
   * downloadable; its date_updated counts for the monotonic clock.
   */
  importThread(thread: MiraklThread): void {
    const updatedMs = Date.parse(thread.date_updated);
    if (Number.isNaN(updatedMs)) throw new Error(`invalid date_updated ${thread.date_updated}`);
    this.storedThreads.set(thread.id, { thread, updatedMs });
    this.lastUpdateMs = Math.max(this.lastUpdateMs, updatedMs);
    this.syncOrderCache = null;
    let fromCustomer = false;
    for (const message of thread.messages) {
      if (message.from.type === 'CUSTOMER_USER') fromCustomer = true;
      for (const attachment of message.attachments ?? []) {
        if (!this.storedAttachments.has(attachment.id)) this.storedAttachments.set(attachment.id, { meta: attachment });
      }
    }
    if (fromCustomer) this.markCustomerMessage(thread);
  }

  addThread(input: AddThreadInput = {}): MiraklThread {
    const order = input.orderId ? (this.orders.get(input.orderId) ?? this.addOrder({ orderId: input.orderId })) : this.addOrder();
    const customer: MiraklParticipant = input.customer
      ? { type: 'CUSTOMER', id: input.customer.id, display_name: input.customer.displayName }
      : {
          type: 'CUSTOMER',
          id: order.customer.customer_id,
          display_name: `${order.customer.firstname} ${order.customer.lastname}`,
        };
    const authorized = [this.shopParticipant, customer, ...(input.withOperator ? [this.operatorParticipant] : [])];
    const fromType = input.from ?? 'CUSTOMER';
    const createdMs = this.stampChange(input.at);
    const created = formatMiraklDate(createdMs);
    const defaultRecipients: ParticipantType[] = fromType === 'CUSTOMER' ? ['SHOP'] : fromType === 'SHOP' ? ['CUSTOMER'] : ['CUSTOMER', 'SHOP'];
    const to = this.resolveRecipients(authorized, input.to ?? defaultRecipients);
    const message: MiraklMessage = {
      id: input.messageId ?? randomUUID(),
      body: input.body ?? 'Bonjour, je n’ai toujours pas reçu ma commande. Pouvez-vous me dire où en est la livraison ?',
      date_created: created,
      from: fromType === 'CUSTOMER' ? this.customerSender(customer) : fromType === 'SHOP' ? this.shopSender : this.operatorSender,
      to,
      attachments: (input.attachments ?? []).map((a) => this.addAttachment(a)),
    };
    const thread: MiraklThread = {
      id: input.id ?? randomUUID(),
      topic: input.topic ?? { type: 'FREE_TEXT', value: 'Où est mon colis ?' },
      entities: [{ type: 'MMP_ORDER', id: order.order_id, label: order.order_id }],
      authorized_participants: authorized,
      current_participants: deriveCurrentParticipants(authorized, [message]),
      date_created: created,
      date_updated: created,
      metadata: deriveMetadata([message]),
      no_store_reply_needed: [],
      messages: [message],
    };
    if (this.storedThreads.has(thread.id)) throw new FakeMiraklError(409, `Thread ${thread.id} already exists`);
    this.storedThreads.set(thread.id, { thread, updatedMs: createdMs });
    this.syncOrderCache = null;
    if (fromType === 'CUSTOMER') this.markCustomerMessage(thread);
    return thread;
  }

  addCustomerMessage(threadId: string, body: string, options: AddMessageOptions = {}): MiraklMessage {
    const stored = this.requireThread(threadId);
    const customer = stored.thread.authorized_participants.find((p) => p.type === 'CUSTOMER');
    if (!customer) throw new FakeMiraklError(400, `Thread ${threadId} has no customer`);
    const message = this.appendMessage(stored, body, this.customerSender(customer), [this.shopParticipant], options);
    this.markCustomerMessage(stored.thread);
    return message;
  }

  addShopMessage(threadId: string, body: string, options: AddShopMessageOptions = {}): MiraklMessage {
    const stored = this.requireThread(threadId);
    const hasCustomer = stored.thread.authorized_participants.some((p) => p.type === 'CUSTOMER');
    const to = this.resolveRecipients(stored.thread.authorized_participants, options.to ?? [hasCustomer ? 'CUSTOMER' : 'OPERATOR']);
    if (to.some((p) => p.type === 'SHOP')) throw new FakeMiraklError(400, 'The shop cannot send a message to itself');
    if (options.topic) stored.thread.topic = { type: options.topic.type, value: options.topic.value };
    return this.appendMessage(stored, body, this.shopSender, to, options);
  }

  /** A message from the marketplace's customer care, to the customer and the shop. */
  addOperatorMessage(threadId: string, body: string, options: AddMessageOptions & { to?: ParticipantType[] } = {}): MiraklMessage {
    const stored = this.requireThread(threadId);
    const to = this.resolveRecipients(stored.thread.authorized_participants, options.to ?? ['CUSTOMER', 'SHOP']);
    return this.appendMessage(stored, body, this.operatorSender, to, options);
  }

  /** Bump date_updated without a new message (e.g. an operator action on the thread). */
  touchThread(threadId: string, at?: Date): MiraklThread {
    const stored = this.requireThread(threadId);
    this.setUpdated(stored, this.stampChange(at));
    return stored.thread;
  }

  // --- internals -----------------------------------------------------------------------

  private requireThread(threadId: string): StoredThread {
    const stored = this.storedThreads.get(threadId);
    if (!stored) throw new FakeMiraklError(404, `Thread ${threadId} not found`);
    return stored;
  }

  private customerSender(customer: MiraklParticipant): MiraklSender {
    return { type: 'CUSTOMER_USER', display_name: customer.display_name };
  }

  /**
   * Recipients as participants of the thread. The operator can always be addressed (it
   * joins the thread); the customer only on a thread that has one, matching its id if given.
   */
  private resolveRecipients(
    authorized: MiraklParticipant[],
    recipients: ReadonlyArray<ParticipantType | { type: ParticipantType; id?: string }>,
  ): MiraklParticipant[] {
    return recipients.map((recipient) => {
      const { type, id } = typeof recipient === 'string' ? { type: recipient, id: undefined } : recipient;
      const participant = authorized.find((p) => p.type === type);
      if (participant) {
        if (id !== undefined && participant.id !== undefined && participant.id !== id) {
          throw new FakeMiraklError(400, `Participant ${type} with id ${id} is not part of this thread`);
        }
        return participant;
      }
      if (type === 'OPERATOR') {
        authorized.push(this.operatorParticipant);
        return this.operatorParticipant;
      }
      throw new FakeMiraklError(400, `Participant ${type} is not part of this thread`);
    });
  }

  private appendMessage(
    stored: StoredThread,
    body: string,
    from: MiraklSender,
    to: MiraklParticipant[],
    options: AddMessageOptions,
  ): MiraklMessage {
    const thread = stored.thread;
    if (thread.messages.length >= MAX_MESSAGES_PER_THREAD) {
      throw new FakeMiraklError(400, `Thread ${thread.id} already holds ${MAX_MESSAGES_PER_THREAD} messages`);
    }
    const createdMs = this.stampChange(options.at);
    const message: MiraklMessage = {
      id: options.id ?? randomUUID(),
      body,
      date_created: formatMiraklDate(createdMs),
      from,
      to,
      attachments: (options.attachments ?? []).map((a) => this.addAttachment(a)),
    };
    thread.messages.push(message);
    thread.metadata = deriveMetadata(thread.messages);
    thread.current_participants = deriveCurrentParticipants(thread.authorized_participants, thread.messages);
    this.setUpdated(stored, createdMs);
    return message;
  }

  private setUpdated(stored: StoredThread, updatedMs: number): void {
    stored.updatedMs = updatedMs;
    stored.thread.date_updated = formatMiraklDate(updatedMs);
    this.syncOrderCache = null;
  }

  private markCustomerMessage(thread: MiraklThread): void {
    for (const entity of thread.entities) {
      if (entity.type !== 'MMP_ORDER') continue;
      const order = this.orders.get(entity.id);
      if (order) order.has_customer_message = true;
    }
  }
}
