/**
 * Deterministic, realistic inbox content for the fake Mirakl: customers from many
 * countries, their orders, threads in five languages (some bodies raw HTML from e-mail
 * clients), attachments, operator interventions, long threads beyond M11's 100-message cut,
 * threads awaiting a reply and answered ones, over the last ~60 days.
 *
 * As real shops send it: reason-code topics carry RE02's numeric codes ("23"); some
 * customers have no display name (their order has it), some orders an empty notification
 * e-mail, some messages a null body (a file sent alone) or no attachments field, some order
 * entities a null label. A message that says a file is attached carries that file.
 *
 * Same seed and same `now` give the same data. Large inboxes (20,000 threads, ~200,000
 * messages) are built in a few seconds: bodies are shared strings (only a thread's first
 * message, and the numbered reminders of a long thread, are personalised) and attachment
 * bytes are produced only when downloaded.
 */
import { simplePdf } from './documents';
import { deriveCurrentParticipants, deriveMetadata, formatMiraklDate } from './store';
import type {
  FakeMiraklStore,
  MiraklAttachment,
  MiraklMessage,
  MiraklOrder,
  MiraklParticipant,
  MiraklSender,
  MiraklThread,
  MiraklTopic,
  OrderLineInput,
  OrderState,
  ParticipantType,
  ShipmentInput,
} from './store';

export interface DemoDataOptions {
  threads: number;
  seed?: number;
  /** The generated history ends shortly before this date (default: now). */
  now?: Date;
  /** Cap on messages per thread (long threads included). Default 1000, Mirakl's maximum. */
  maxMessagesPerThread?: number;
}

export interface DemoDataSummary {
  threads: number;
  messages: number;
  orders: number;
  customers: number;
  attachments: number;
  /** Threads with more than 100 messages (M11 returns only their last 100). */
  longThreadIds: string[];
  /** Threads whose metadata.shop_reply_needed_since is set. */
  awaitingReplyThreadIds: string[];
}

// ---------------------------------------------------------------------------------------
// Seeded pseudo-random numbers (sfc32, seeded with splitmix32)

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** In [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /**
   * A version-4-shaped UUID drawn from the sequence. Written through a buffer so it is one
   * flat 36-byte string: concatenation would keep a tree of pieces (~450 bytes per id).
   */
  uuid(): string {
    let word = 0;
    let nibblesLeft = 0;
    for (let position = 0; position < 36; position++) {
      if (position === 8 || position === 13 || position === 18 || position === 23) {
        UUID_SCRATCH[position] = 0x2d; // '-'
        continue;
      }
      if (nibblesLeft === 0) {
        word = this.uint32();
        nibblesLeft = 8;
      }
      let nibble = word & 0xf;
      word >>>= 4;
      nibblesLeft--;
      if (position === 14) nibble = 4; // version
      else if (position === 19) nibble = 0x8 | (nibble & 0x3); // RFC 4122 variant
      UUID_SCRATCH[position] = HEX_DIGITS[nibble]!;
    }
    return UUID_SCRATCH.toString('latin1');
  }
}

const UUID_SCRATCH = Buffer.alloc(36);
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

// ---------------------------------------------------------------------------------------
// Content

type Language = 'fr' | 'en' | 'es' | 'de' | 'it';
type PerLanguage<T> = Record<Language, T>;

const LANGUAGE_WEIGHTS: ReadonlyArray<readonly [Language, number]> = [
  ['fr', 40],
  ['en', 20],
  ['es', 15],
  ['de', 15],
  ['it', 10],
];

const LOCALES: PerLanguage<string> = { fr: 'fr_FR', en: 'en_GB', es: 'es_ES', de: 'de_DE', it: 'it_IT' };

interface PersonName {
  firstname: string;
  lastname: string;
  displayName: string;
}

const FIRST_NAMES = [
  'Søren', 'Łukasz', 'Zoë', 'José', 'Chloé', 'Björn', 'Aurélie', 'Giulia', 'Mateo', 'François',
  'Amélie', 'Jürgen', 'Núria', 'Siobhán', 'Ana', 'Oliver', 'Emma', 'Hélène', 'Dmitri', 'Inès',
  'Maël', 'Åsa', 'Çağla', 'Noémie', 'Raphaël', 'Ximena', 'Lorenzo', 'Gaëlle', 'Jörg', 'Ἀλέξανδρος',
] as const;

const LAST_NAMES = [
  'Tanaka', 'Leroy', 'Müller', 'Álvarez', 'Dubois', 'Nørgaard', 'García', 'Rossi', "O'Connor", 'Kowalski',
  'Schäfer', 'Martín', 'Bianchi', 'Lefèvre', 'Smith', 'Ferreira', 'Nguyễn', 'Öztürk', 'Þórsdóttir', 'Brontë',
  'Da Silva', 'Van der Berg', 'Żuławski', 'Ibáñez', 'Petit', 'Esposito', 'Fischer', 'Mahé', 'Novák', 'Weiß',
] as const;

/** Names written family name first, or in non-Latin scripts, kept whole. */
const WHOLE_NAMES: readonly PersonName[] = [
  { firstname: '花子', lastname: '山田', displayName: '山田 花子' },
  { firstname: 'Ольга', lastname: 'Петрова', displayName: 'Ольга Петрова' },
  { firstname: 'Νίκος', lastname: 'Παπαδόπουλος', displayName: 'Νίκος Παπαδόπουλος' },
  { firstname: 'ليلى', lastname: 'حداد', displayName: 'ليلى حداد' },
  { firstname: '민준', lastname: '김', displayName: '김민준' },
  { firstname: 'Thị Lan', lastname: 'Nguyễn', displayName: 'Nguyễn Thị Lan' },
  { firstname: 'Wei', lastname: '王', displayName: '王 Wei' },
];

/** A message text; one that says a file is attached carries that file. */
type Line = string | { text: string; file: AttachmentTemplate };

function withFile(text: string, file: AttachmentTemplate): Line {
  return { text, file };
}

function textOf(line: Line): string {
  return typeof line === 'string' ? line : line.text;
}

function fileOf(line: Line): AttachmentTemplate | null {
  return typeof line === 'string' ? null : line.file;
}

interface AttachmentTemplate {
  name: string;
  size: number;
}

const DAMAGE_PHOTO: AttachmentTemplate = { name: 'photo-colis.jpg', size: 240 * 1024 };
const DAMAGE_PHOTOS: AttachmentTemplate = { name: 'photo_dégâts (2).jpeg', size: 318 * 1024 };
const RETURN_LABEL: AttachmentTemplate = { name: 'etiquette-retour-colissimo.pdf', size: 60 * 1024 };
const SHOP_INVOICE: AttachmentTemplate = { name: 'facture.pdf', size: 92 * 1024 };

interface TopicTemplate {
  /** The marketplace's reason code (RE02 MESSAGING), as real threads carry it: a number. */
  reasonCode: string;
  label: PerLanguage<string>;
  /** First customer message; `{order}` is replaced by the order id. */
  openings: PerLanguage<readonly Line[]>;
}

const TOPICS: readonly TopicTemplate[] = [
  {
    reasonCode: '23',
    label: { fr: 'Où est mon colis ?', en: 'Where is my parcel?', es: '¿Dónde está mi pedido?', de: 'Wo ist mein Paket?', it: "Dov'è il mio pacco?" },
    openings: {
      fr: [
        "Bonjour,\n\nJ'ai passé la commande {order} il y a plus d'une semaine et je n'ai toujours rien reçu. Le suivi n'a pas bougé depuis 4 jours. Pouvez-vous vérifier ?\n\nMerci d'avance",
        'Bonjour, ma commande {order} devait arriver hier. Où en est la livraison ? Cordialement',
      ],
      en: [
        "Hello,\n\nI ordered {order} ten days ago and it still hasn't arrived. The tracking page says \"in transit\" since Monday. Could you look into it?\n\nThanks",
        'Hi, any news about my order {order}? It was supposed to be delivered last week.',
      ],
      es: [
        'Hola,\n\nHice el pedido {order} hace más de una semana y todavía no ha llegado. ¿Me podéis decir dónde está?\n\nGracias',
        'Buenas tardes, el seguimiento del pedido {order} no se actualiza desde hace días. ¿Qué ocurre?',
      ],
      de: [
        'Guten Tag,\n\nich habe die Bestellung {order} vor zehn Tagen aufgegeben und noch nichts erhalten. Können Sie bitte nachsehen, wo das Paket ist?\n\nMit freundlichen Grüßen',
        'Hallo, wann kommt meine Bestellung {order}? Die Sendungsverfolgung zeigt seit Tagen nichts Neues.',
      ],
      it: [
        "Buongiorno,\n\nho effettuato l'ordine {order} più di una settimana fa e non è ancora arrivato. Potete verificare?\n\nGrazie mille",
        "Salve, che fine ha fatto l'ordine {order}? Il tracking è fermo da giorni.",
      ],
    },
  },
  {
    reasonCode: '22',
    label: { fr: 'Demande de retour', en: 'Return request', es: 'Solicitud de devolución', de: 'Rücksendung', it: 'Richiesta di reso' },
    openings: {
      fr: [
        "Bonjour,\n\nLe produit de la commande {order} ne correspond pas à la description (la couleur est très différente). Je souhaite le retourner. Comment dois-je procéder ?\n\nBien à vous",
        "Bonjour, je voudrais retourner l'article de ma commande {order}, il ne me convient pas. Merci de m'envoyer une étiquette de retour.",
      ],
      en: [
        "Hello, I'd like to return the item from order {order}. It's too small. How do I get a return label?",
        'Hi,\n\nThe lamp I received (order {order}) is not what I expected. Can I send it back for a refund?\n\nKind regards',
      ],
      es: [
        'Hola, quiero devolver el artículo del pedido {order}. ¿Cómo lo hago?',
        'Buenos días,\n\nEl producto del pedido {order} no es lo que esperaba. Me gustaría devolverlo y recibir el reembolso.\n\nUn saludo',
      ],
      de: [
        'Hallo, ich möchte den Artikel aus Bestellung {order} zurücksenden. Bitte schicken Sie mir ein Rücksendeetikett.',
        'Guten Tag,\n\nder Artikel aus Bestellung {order} gefällt mir leider nicht. Wie funktioniert die Rücksendung?\n\nViele Grüße',
      ],
      it: [
        "Buongiorno, vorrei restituire l'articolo dell'ordine {order}. Come devo procedere?",
        "Salve,\n\nil prodotto dell'ordine {order} non corrisponde alla descrizione. Posso fare il reso?\n\nCordiali saluti",
      ],
    },
  },
  {
    reasonCode: '22',
    label: { fr: 'Colis endommagé', en: 'Damaged item', es: 'Producto dañado', de: 'Beschädigte Ware', it: 'Prodotto danneggiato' },
    openings: {
      fr: [
        withFile("Bonjour,\n\nJ'ai reçu ma commande {order} ce matin mais le colis était écrasé et l'abat-jour est cassé. Je vous joins une photo.\n\nQue proposez-vous ?", DAMAGE_PHOTO),
        withFile('Bonjour, le verre de la lampe (commande {order}) est arrivé en morceaux. Photo en pièce jointe.', DAMAGE_PHOTO),
      ],
      en: [
        withFile('Hello,\n\nMy order {order} arrived today but the box was crushed and the glass shade is broken. Photo attached.\n\nWhat can you do?', DAMAGE_PHOTO),
        withFile('Hi, the item from order {order} is damaged (see picture). I would like a replacement please.', DAMAGE_PHOTO),
      ],
      es: [
        withFile('Hola,\n\nEl pedido {order} ha llegado con la caja rota y el producto dañado. Adjunto una foto.\n\n¿Qué solución me ofrecéis?', DAMAGE_PHOTO),
        withFile('Buenas, el artículo del pedido {order} llegó roto. Os mando foto.', DAMAGE_PHOTO),
      ],
      de: [
        withFile('Guten Tag,\n\ndas Paket der Bestellung {order} kam beschädigt an, der Lampenschirm ist zerbrochen. Foto anbei.\n\nWie geht es jetzt weiter?', DAMAGE_PHOTO),
        withFile('Hallo, der Artikel aus Bestellung {order} ist kaputt angekommen. Siehe Foto.', DAMAGE_PHOTO),
      ],
      it: [
        withFile("Buongiorno,\n\nl'ordine {order} è arrivato con la scatola schiacciata e il paralume rotto. Allego una foto.\n\nCome possiamo risolvere?", DAMAGE_PHOTO),
        withFile("Salve, il prodotto dell'ordine {order} è arrivato danneggiato. Vedi foto allegata.", DAMAGE_PHOTO),
      ],
    },
  },
  {
    reasonCode: '24',
    label: { fr: 'Demande de facture', en: 'Invoice request', es: 'Solicitud de factura', de: 'Rechnung benötigt', it: 'Richiesta fattura' },
    openings: {
      fr: ["Bonjour, pourriez-vous m'envoyer la facture de la commande {order} au nom de ma société ? Merci.", 'Bonjour,\n\nJe ne trouve pas la facture de ma commande {order}. Pouvez-vous me la transmettre ?\n\nCordialement'],
      en: ['Hello, could you send me the invoice for order {order}? I need it for my expenses.', 'Hi, I need a VAT invoice for order {order}, please.'],
      es: ['Hola, ¿me podéis enviar la factura del pedido {order}? Gracias.', 'Buenos días, necesito factura con mi NIF para el pedido {order}.'],
      de: ['Hallo, können Sie mir bitte die Rechnung zur Bestellung {order} schicken?', 'Guten Tag, ich benötige eine Rechnung mit ausgewiesener MwSt. für Bestellung {order}.'],
      it: ["Buongiorno, potreste inviarmi la fattura dell'ordine {order}? Grazie.", "Salve, mi serve la fattura intestata alla mia azienda per l'ordine {order}."],
    },
  },
  {
    reasonCode: '25',
    label: { fr: 'Question sur le produit', en: 'Question about the product', es: 'Pregunta sobre el producto', de: 'Frage zum Artikel', it: 'Domanda sul prodotto' },
    openings: {
      fr: ["Bonjour, l'ampoule est-elle fournie avec la lampe de la commande {order} ? Et quel culot faut-il (E27 ou E14) ?", 'Bonjour,\n\nLe câble de la suspension (commande {order}) peut-il être raccourci ?\n\nMerci'],
      en: ['Hello, does the lamp from order {order} come with a bulb? Which socket type is it?', 'Hi, is the product in order {order} suitable for outdoor use?'],
      es: ['Hola, ¿la lámpara del pedido {order} incluye la bombilla?', 'Buenas, ¿el producto del pedido {order} se puede usar en exterior?'],
      de: ['Hallo, ist bei der Lampe aus Bestellung {order} ein Leuchtmittel dabei?', 'Guten Tag, ist der Artikel aus Bestellung {order} dimmbar?'],
      it: ["Buongiorno, la lampada dell'ordine {order} include la lampadina?", "Salve, il prodotto dell'ordine {order} è dimmerabile?"],
    },
  },
  {
    reasonCode: '21',
    label: { fr: 'Annulation de commande', en: 'Cancel my order', es: 'Cancelar mi pedido', de: 'Bestellung stornieren', it: "Annullare l'ordine" },
    openings: {
      fr: ["Bonjour, je me suis trompé de couleur, est-il possible d'annuler la commande {order} avant l'expédition ?", 'Bonjour,\n\nMerci d’annuler ma commande {order}, je l’ai trouvée moins chère ailleurs.\n\nCordialement'],
      en: ['Hello, please cancel order {order}, I ordered the wrong size.', 'Hi, can I still cancel order {order}? It has not shipped yet I think.'],
      es: ['Hola, ¿puedo cancelar el pedido {order}? Me equivoqué de modelo.', 'Buenas, por favor cancelad el pedido {order}.'],
      de: ['Hallo, bitte stornieren Sie die Bestellung {order}, ich habe mich in der Farbe vertan.', 'Guten Tag, kann ich Bestellung {order} noch stornieren?'],
      it: ["Buongiorno, è possibile annullare l'ordine {order}? Ho sbagliato colore.", "Salve, vorrei annullare l'ordine {order}, grazie."],
    },
  },
];

/** Threads the shop starts itself (OR43), e.g. to warn about a delay. */
const SHOP_TOPIC_LABEL: PerLanguage<string> = {
  fr: "Retard d'expédition",
  en: 'Shipping delay',
  es: 'Retraso en el envío',
  de: 'Versandverzögerung',
  it: 'Ritardo di spedizione',
};

const SHOP_OPENINGS: PerLanguage<string> = {
  fr: "Bonjour,\n\nVotre commande {order} est en cours de préparation, mais l'un des articles est en réapprovisionnement : l'expédition aura lieu sous 5 jours ouvrés. Nous vous prions de nous excuser pour ce délai.\n\nL'équipe {shop}",
  en: "Hello,\n\nYour order {order} is being prepared, but one item is being restocked: it will ship within 5 working days. Sorry for the delay.\n\nThe {shop} team",
  es: 'Hola,\n\nSu pedido {order} se está preparando, pero uno de los artículos está en reposición: se enviará en 5 días laborables. Disculpe las molestias.\n\nEl equipo de {shop}',
  de: 'Guten Tag,\n\nIhre Bestellung {order} wird vorbereitet, ein Artikel wird jedoch nachgeliefert: Versand innerhalb von 5 Werktagen. Wir bitten um Entschuldigung.\n\nIhr {shop}-Team',
  it: "Buongiorno,\n\nil suo ordine {order} è in preparazione, ma un articolo è in riassortimento: la spedizione avverrà entro 5 giorni lavorativi. Ci scusiamo per il ritardo.\n\nIl team {shop}",
};

const CUSTOMER_FOLLOW_UPS: PerLanguage<readonly string[]> = {
  fr: [
    'Merci pour votre réponse rapide !',
    "Toujours rien reçu aujourd'hui… Pouvez-vous relancer le transporteur ?",
    "D'accord, j'attends votre retour.",
    "Je n'ai pas reçu l'étiquette de retour, pouvez-vous la renvoyer ?",
    'Bonjour, avez-vous du nouveau ? Cela fait maintenant 3 jours.',
    "C'est bon, j'ai bien reçu le colis. Merci !",
    'Je préfère un remboursement plutôt qu’un échange.',
    'Voici le numéro de suivi que j’ai : 6A12345678901. Il indique « livré » mais je n’ai rien reçu.',
  ],
  en: [
    'Thanks for the quick answer!',
    'Still nothing today... could you chase the carrier?',
    "OK, I'll wait for your reply.",
    "I didn't get the return label, could you resend it?",
    "Hello? Any update? It's been three days.",
    'All good, the parcel arrived. Thank you!',
    "I'd rather have a refund than a replacement.",
  ],
  es: [
    '¡Gracias por la respuesta tan rápida!',
    'Hoy tampoco ha llegado nada… ¿podéis reclamar al transportista?',
    'Vale, quedo a la espera.',
    'No he recibido la etiqueta de devolución, ¿me la reenviáis?',
    '¿Hay alguna novedad? Ya han pasado tres días.',
    'Todo bien, ya me ha llegado. ¡Gracias!',
  ],
  de: [
    'Vielen Dank für die schnelle Antwort!',
    'Heute ist immer noch nichts gekommen … können Sie beim Versanddienstleister nachfragen?',
    'In Ordnung, ich warte auf Ihre Rückmeldung.',
    'Ich habe kein Rücksendeetikett erhalten, können Sie es noch einmal schicken?',
    'Gibt es etwas Neues? Es sind jetzt drei Tage vergangen.',
    'Alles gut, das Paket ist angekommen. Danke!',
  ],
  it: [
    'Grazie per la risposta rapida!',
    'Ancora niente oggi… potete sollecitare il corriere?',
    'Va bene, attendo vostre notizie.',
    "Non ho ricevuto l'etichetta di reso, potete rimandarla?",
    'Ci sono novità? Sono passati tre giorni.',
    'Tutto a posto, il pacco è arrivato. Grazie!',
  ],
};

/** Bodies as e-mail clients send them when a customer answers the notification e-mail. */
const HTML_BODIES: PerLanguage<readonly Line[]> = {
  fr: [
    '<div dir="ltr">Bonjour,<div><br></div><div>Je n&#39;ai toujours pas re&ccedil;u mon colis.&nbsp;Pouvez-vous v&eacute;rifier ?</div><div><br></div><div>Merci</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 6 mai 2024 à 10:15, Service client &lt;notification@mirakl.net&gt; a écrit :<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Votre commande a été expédiée.</blockquote></div>',
    withFile('<html><head><style type="text/css">p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;} .x_signature{color:#888}</style></head><body lang="FR"><div class="WordSection1"><p class="MsoNormal">Bonjour,<o:p></o:p></p><p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Vous trouverez ci-joint la photo du produit ab&icirc;m&eacute;.<o:p></o:p></p><p class="MsoNormal">Cordialement,<o:p></o:p></p><p class="x_signature">Envoy&eacute; depuis Outlook</p></div><img src="cid:image001.png@01DA9F2B.5C3E1A20" width="1" height="1"></body></html>', DAMAGE_PHOTO),
    '<p>Bonjour,</p><p>Le colis est arrivé ouvert&nbsp;!<br>Il manque la notice.</p><script>alert("xss")</script><p>Merci de me recontacter.</p><img src="https://tracker.example.com/open.gif?u=123" width="1" height="1" alt="">',
  ],
  en: [
    '<div>Hi,<br><br>Still waiting for my parcel&nbsp;&mdash; can you check with the courier?<br><br>Thanks,<br>Sent from my iPhone</div>',
    withFile('<html><body><p style="margin:0">Hello,</p><p>Please find the photos attached.</p><p>Regards</p><div class="signature"><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==" alt="logo"></div><script type="text/javascript">document.write("tracking")</script></body></html>', DAMAGE_PHOTOS),
  ],
  es: ['<div>Hola,<br><br>¿Alguna novedad sobre mi pedido?&nbsp;Sigo esperando.<br><br>Un saludo<br><br>Enviado desde mi móvil</div>'],
  de: ['<div style="font-family: Arial, sans-serif">Hallo,<br><br>ich habe noch immer keine R&uuml;ckmeldung erhalten.&nbsp;Bitte melden Sie sich.<br><br>Mit freundlichen Gr&uuml;&szlig;en</div><style>div{font-size:14px}</style>'],
  it: ['<p>Buongiorno,<br>attendo ancora una risposta.&nbsp;Grazie.</p><p><i>Inviato da Libero Mail</i></p>'],
};

const SHOP_REPLIES: PerLanguage<readonly Line[]> = {
  fr: [
    "Bonjour,\n\nMerci pour votre message. Nous avons ouvert une enquête auprès du transporteur et revenons vers vous sous 48 h.\n\nBien cordialement,\nL'équipe {shop}",
    withFile("Bonjour,\n\nVous trouverez ci-joint l'étiquette de retour prépayée. Le remboursement sera effectué dès réception du colis.\n\nL'équipe {shop}", RETURN_LABEL),
    "Bonjour,\n\nNous sommes désolés pour ce désagrément. Un nouvel article vous a été expédié aujourd'hui.\n\nCordialement,\n{shop}",
    'Bonjour, votre colis a bien été remis au transporteur hier, vous devriez le recevoir demain. Bonne journée !',
    withFile("Bonjour,\n\nLa facture est disponible en pièce jointe.\n\nL'équipe {shop}", SHOP_INVOICE),
  ],
  en: [
    'Hello,\n\nThank you for your message. We have opened an investigation with the carrier and will get back to you within 48 hours.\n\nKind regards,\nThe {shop} team',
    withFile('Hello,\n\nPlease find attached a prepaid return label. The refund will be issued as soon as we receive the parcel.\n\nThe {shop} team', RETURN_LABEL),
    "Hi, we're sorry about this. A replacement was shipped today.\n\nBest,\n{shop}",
    'Hello, your parcel was handed to the carrier yesterday; you should receive it tomorrow.',
  ],
  es: [
    'Hola,\n\nGracias por su mensaje. Hemos abierto una reclamación con el transportista y le responderemos en 48 horas.\n\nUn saludo,\nEl equipo de {shop}',
    withFile('Hola,\n\nLe adjuntamos la etiqueta de devolución prepagada. El reembolso se hará al recibir el paquete.\n\n{shop}', RETURN_LABEL),
    'Hola, sentimos las molestias. Hoy le hemos enviado un artículo nuevo.',
  ],
  de: [
    'Guten Tag,\n\nvielen Dank für Ihre Nachricht. Wir haben einen Nachforschungsauftrag beim Versanddienstleister gestellt und melden uns innerhalb von 48 Stunden.\n\nMit freundlichen Grüßen\nIhr {shop}-Team',
    withFile('Guten Tag,\n\nanbei finden Sie ein vorfrankiertes Rücksendeetikett. Die Erstattung erfolgt nach Eingang der Ware.\n\n{shop}', RETURN_LABEL),
    'Hallo, das tut uns leid. Ein Ersatzartikel wurde heute verschickt.',
  ],
  it: [
    'Buongiorno,\n\ngrazie per il messaggio. Abbiamo aperto una segnalazione con il corriere e le risponderemo entro 48 ore.\n\nCordiali saluti,\nIl team {shop}',
    withFile("Buongiorno,\n\nin allegato trova l'etichetta di reso prepagata. Il rimborso avverrà al ricevimento del pacco.\n\n{shop}", RETURN_LABEL),
    'Salve, ci scusiamo per il disagio. Oggi le abbiamo spedito un nuovo articolo.',
  ],
};

const OPERATOR_MESSAGES: PerLanguage<readonly string[]> = {
  fr: [
    'Bonjour,\n\nLe service client de la marketplace intervient sur cette conversation. Le vendeur est invité à apporter une réponse au client sous 48 heures.\n\nCordialement,\nLe service client',
    'Bonjour, nous avons procédé au remboursement du client. Cette conversation est clôturée de notre côté.',
  ],
  en: [
    'Hello,\n\nMarketplace customer care is joining this conversation. The seller is asked to answer the customer within 48 hours.\n\nRegards,\nCustomer care',
    'Hello, the customer has been refunded by the marketplace. This case is closed on our side.',
  ],
  es: ['Hola,\n\nEl servicio de atención al cliente del marketplace interviene en esta conversación. Se ruega al vendedor que responda en 48 horas.'],
  de: ['Guten Tag,\n\nder Kundenservice des Marktplatzes schaltet sich in diese Unterhaltung ein. Der Händler wird gebeten, innerhalb von 48 Stunden zu antworten.'],
  it: ["Buongiorno,\n\nil servizio clienti del marketplace interviene in questa conversazione. Il venditore è invitato a rispondere entro 48 ore."],
};

const CUSTOMER_ATTACHMENTS: readonly AttachmentTemplate[] = [
  { name: 'photo-colis.jpg', size: 240 * 1024 },
  { name: 'IMG_2041.HEIC', size: 1_843_200 },
  { name: 'facture.pdf', size: 87 * 1024 },
  { name: 'Capture d’écran 2024-05-03 à 10.15.00.png', size: 512 * 1024 },
  { name: 'étiquette retour.pdf', size: 44 * 1024 },
  { name: 'photo_dégâts (2).jpeg', size: 318 * 1024 },
];

const SHOP_ATTACHMENTS: readonly AttachmentTemplate[] = [
  { name: 'etiquette-retour-colissimo.pdf', size: 60 * 1024 },
  { name: 'facture.pdf', size: 92 * 1024 },
  { name: 'notice-montage.pdf', size: 1_200 * 1024 },
];

const PRODUCTS: ReadonlyArray<OrderLineInput & { sku: string; unitPrice: number }> = [
  { title: 'Lampe de chevet en laiton brossé', sku: 'LMP-0142', unitPrice: 89.9, categoryCode: 'LIGHTING', categoryLabel: 'Luminaires' },
  { title: 'Suspension en verre soufflé Ø30 cm', sku: 'SUS-0310', unitPrice: 149, categoryCode: 'LIGHTING', categoryLabel: 'Luminaires' },
  { title: 'Applique murale orientable noire', sku: 'APL-0077', unitPrice: 59.5, categoryCode: 'LIGHTING', categoryLabel: 'Luminaires' },
  { title: 'Lampadaire arc en acier et marbre', sku: 'LPD-0501', unitPrice: 329, categoryCode: 'LIGHTING', categoryLabel: 'Luminaires' },
  { title: 'Ampoule LED filament E27 4 W (lot de 3)', sku: 'AMP-0027', unitPrice: 14.9, categoryCode: 'BULBS', categoryLabel: 'Ampoules' },
  { title: 'Abat-jour en lin naturel 40 cm', sku: 'ABJ-0400', unitPrice: 39, categoryCode: 'LIGHTING', categoryLabel: 'Luminaires' },
  { title: 'Miroir rond en rotin Ø60 cm', sku: 'MIR-0060', unitPrice: 75, categoryCode: 'DECO', categoryLabel: 'Décoration' },
  { title: 'Vase en céramique émaillée « Océane »', sku: 'VAS-0212', unitPrice: 34.5, categoryCode: 'DECO', categoryLabel: 'Décoration' },
  { title: 'Guirlande lumineuse 10 m, 100 LED blanc chaud', sku: 'GRL-0100', unitPrice: 24.99, categoryCode: 'LIGHTING', categoryLabel: 'Luminaires' },
  { title: 'Bougeoir en fonte (set de 2)', sku: 'BGJ-0002', unitPrice: 29, categoryCode: 'DECO', categoryLabel: 'Décoration' },
];

const CARRIERS: ReadonlyArray<{ company: string; carrierCode: string; url: string; prefix: string }> = [
  { company: 'Colissimo', carrierCode: 'COLISSIMO', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=', prefix: '6A' },
  { company: 'Chronopost', carrierCode: 'CHRONOPOST', url: 'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=', prefix: 'XY' },
  { company: 'DHL', carrierCode: 'DHL', url: 'https://www.dhl.com/fr-fr/home/tracking.html?tracking-id=', prefix: 'JD' },
  { company: 'UPS', carrierCode: 'UPS', url: 'https://www.ups.com/track?tracknum=', prefix: '1Z' },
  { company: 'GLS', carrierCode: 'GLS', url: 'https://gls-group.com/track/', prefix: 'GL' },
  { company: 'Correos', carrierCode: 'CORREOS', url: 'https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number=', prefix: 'PQ' },
];

const ORDER_STATES: ReadonlyArray<readonly [OrderState, number]> = [
  ['SHIPPED', 35],
  ['RECEIVED', 25],
  ['CLOSED', 15],
  ['SHIPPING', 12],
  ['WAITING_ACCEPTANCE', 5],
  ['CANCELED', 5],
  ['REFUSED', 3],
];

// ---------------------------------------------------------------------------------------
// Generation

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const HISTORY_MS = 60 * DAY_MS;
const MAX_MESSAGES = 1000;

interface DemoCustomer {
  name: PersonName;
  id: string;
  language: Language;
  participant: MiraklParticipant;
  sender: MiraklSender;
  toCustomer: MiraklParticipant[];
  orders: MiraklOrder[];
}

interface Texts {
  followUps: PerLanguage<readonly string[]>;
  shopReplies: PerLanguage<readonly Line[]>;
  operator: PerLanguage<readonly string[]>;
}

function withShopName(pool: PerLanguage<readonly Line[]>, shopName: string): PerLanguage<readonly Line[]> {
  const name = (line: Line): Line => {
    const text = textOf(line).replaceAll('{shop}', shopName);
    const file = fileOf(line);
    return file ? withFile(text, file) : text;
  };
  const replace = (list: readonly Line[]): Line[] => list.map(name);
  return { fr: replace(pool.fr), en: replace(pool.en), es: replace(pool.es), de: replace(pool.de), it: replace(pool.it) };
}

function personName(rng: SeededRandom): PersonName {
  if (rng.chance(0.12)) return rng.pick(WHOLE_NAMES);
  const firstname = rng.pick(FIRST_NAMES);
  const lastname = rng.pick(LAST_NAMES);
  return { firstname, lastname, displayName: `${firstname} ${lastname}` };
}

function nextFreeOrderId(store: FakeMiraklStore, counter: { value: number }): string {
  let id = `${counter.value++}-A`;
  while (store.orders.has(id)) id = `${counter.value++}-A`;
  return id;
}

function createCustomer(rng: SeededRandom, store: FakeMiraklStore, nowMs: number, orderCounter: { value: number }): DemoCustomer {
  const name = personName(rng);
  const language = rng.weighted(LANGUAGE_WEIGHTS);
  const id = `cust-${rng.uuid().slice(0, 8)}`;
  // Some marketplaces give threads no customer name: the order (OR11) has it.
  const displayName = rng.chance(0.04) ? '' : name.displayName;
  const participant: MiraklParticipant = { type: 'CUSTOMER', id, display_name: displayName };
  const orderCount = rng.int(1, 4);
  const orders: MiraklOrder[] = [];
  for (let k = 0; k < orderCount; k++) {
    const state = rng.weighted(ORDER_STATES);
    const carrier = rng.pick(CARRIERS);
    const tracking = `${carrier.prefix}${String(rng.uint32()).padStart(10, '0')}`;
    const shipment: ShipmentInput = { company: carrier.company, carrierCode: carrier.carrierCode, tracking, trackingUrl: carrier.url + tracking };
    const lineCount = rng.chance(0.75) ? 1 : rng.int(2, 3);
    const lines: OrderLineInput[] = [];
    for (let l = 0; l < lineCount; l++) lines.push({ ...rng.pick(PRODUCTS), quantity: rng.chance(0.8) ? 1 : rng.int(2, 4) });
    orders.push(
      store.addOrder({
        orderId: nextFreeOrderId(store, orderCounter),
        customer: { id, firstname: name.firstname, lastname: name.lastname, locale: LOCALES[language] },
        // "" on some orders: the order has no notification address.
        notificationEmail: rng.chance(0.05) ? '' : `notification+${rng.uuid().replaceAll('-', '').slice(0, 24)}@notification.mirakl.net`,
        state,
        createdAt: new Date(nowMs - 2 * DAY_MS - Math.floor(rng.next() * 70 * DAY_MS)),
        lines,
        shipment,
      }),
    );
  }
  return {
    name,
    id,
    language,
    participant,
    sender: { type: 'CUSTOMER_USER', display_name: displayName },
    toCustomer: [participant],
    orders,
  };
}

function messageCountFor(index: number, totalThreads: number, rng: SeededRandom, cap: number): number {
  let count: number;
  if (totalThreads > 2 && index === 1) count = 130;
  else if (totalThreads > 2 && index === 2) count = 250;
  else if (totalThreads >= 1000 && index % 997 === 500) count = rng.int(101, 400);
  else count = Math.min(80, 1 + Math.floor(-Math.log(1 - rng.next()) * 9));
  return Math.max(1, Math.min(count, cap));
}

/**
 * How long before now a thread's latest message was written, and how many threads out of
 * 100: a few within the hour, more across today and yesterday, the rest over past weeks.
 */
const LATEST_MESSAGE_AGES: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[5 * MINUTE_MS, HOUR_MS], 8],
  [[HOUR_MS, 12 * HOUR_MS], 22],
  [[12 * HOUR_MS, 2 * DAY_MS], 25],
  [[2 * DAY_MS, 7 * DAY_MS], 20],
  [[7 * DAY_MS, 45 * DAY_MS], 25],
];

/** How a customer chases again once every follow-up line of their language is used up. */
const CHASER: PerLanguage<(round: number, order: string) => string> = {
  fr: (round, order) => `Relance n°${round} concernant la commande ${order} : toujours pas de solution de votre côté.`,
  en: (round, order) => `Reminder #${round} about order ${order}: still no solution on your side.`,
  es: (round, order) => `Recordatorio n.º ${round} sobre el pedido ${order}: sigo sin solución.`,
  de: (round, order) => `Erinnerung Nr. ${round} zur Bestellung ${order}: immer noch keine Lösung.`,
  it: (round, order) => `Sollecito n. ${round} per l'ordine ${order}: ancora nessuna soluzione.`,
};

/**
 * A customer's follow-ups in one thread: each line at most once (people do not send the
 * same sentence again days later), drawn in a seeded order; numbered reminders after that.
 */
class CustomerLines {
  private readonly plain: string[];
  private readonly html: Line[];
  private round = 0;

  constructor(
    private readonly rng: SeededRandom,
    private readonly language: Language,
    plain: readonly string[],
    private readonly orderId: string,
  ) {
    this.plain = [...plain];
    this.html = [...HTML_BODIES[language]];
  }

  next(): Line {
    const pool: Line[] = this.html.length > 0 && (this.plain.length === 0 || this.rng.chance(0.1)) ? this.html : this.plain;
    if (pool.length === 0) return CHASER[this.language](++this.round, this.orderId);
    const [line] = pool.splice(Math.floor(this.rng.next() * pool.length), 1);
    return line!;
  }
}

/** Shared by all generated messages without attachments (frozen: never to be mutated). */
const NO_ATTACHMENTS = Object.freeze([]) as unknown as MiraklAttachment[];

function attachmentFrom(rng: SeededRandom, template: AttachmentTemplate): MiraklAttachment {
  return { id: rng.uuid(), name: template.name, size: template.size };
}

const INVOICE_WORDS: PerLanguage<{ file: string; title: string }> = {
  fr: { file: 'facture', title: 'Facture' },
  en: { file: 'invoice', title: 'Invoice' },
  es: { file: 'factura', title: 'Factura' },
  de: { file: 'Rechnung', title: 'Rechnung' },
  it: { file: 'fattura', title: 'Fattura' },
};

/**
 * The documents Mirakl keeps for an order once it has shipped: the shop's invoice and,
 * for every other order, the marketplace's delivery bill. Made from the order alone (no
 * random draw, so the rest of the demo stays as it was) and written only when first asked.
 */
function addOrderDocuments(store: FakeMiraklStore, order: MiraklOrder, language: Language): void {
  if (!order.has_invoice) return;
  const shippedMs = Date.parse(order.created_date) + DAY_MS;
  const words = INVOICE_WORDS[language];
  const money = (value: number) => `${value.toFixed(2)} ${order.currency_iso_code}`;
  const customer = `${order.customer.firstname} ${order.customer.lastname}`;
  store.addOrderDocument(order.order_id, {
    fileName: `${words.file}-${order.commercial_id}.pdf`,
    type: 'CUSTOMER_INVOICE',
    uploadedAt: new Date(shippedMs),
    bytes: () =>
      simplePdf(`${words.title} ${order.commercial_id} - ${store.shop.shop_name}`, [
        `${store.shop.pro_details.corporate_name}, ${store.shop.contact_informations.street1}, ${store.shop.contact_informations.zip_code} ${store.shop.contact_informations.city}`,
        `Order ${order.order_id} of ${order.created_date.slice(0, 10)}`,
        `Customer: ${customer}`,
        '',
        ...order.order_lines.map((l) => `${l.quantity} x ${l.product_title}   ${money(l.price)}`),
        `Shipping   ${money(order.shipping_price)}`,
        `Total (VAT included)   ${money(order.total_price)}`,
      ]),
  });
  if (Number.parseInt(order.order_id, 10) % 2 === 0) {
    store.addOrderDocument(order.order_id, {
      fileName: `delivery-${order.order_id}.pdf`,
      type: 'SYSTEM_DELIVERY_BILL',
      uploadedAt: new Date(shippedMs + HOUR_MS),
      bytes: () =>
        simplePdf(`Delivery bill ${order.order_id}`, [
          `Ship to: ${customer}`,
          `Carrier: ${order.shipping_company ?? '-'}   Tracking: ${order.shipping_tracking ?? '-'}`,
          '',
          ...order.order_lines.map((l) => `${l.quantity} x ${l.product_title}`),
        ]),
    });
  }
}

/**
 * Fill `store` with `threads` demo threads (and their customers' orders). Deterministic
 * for a given seed, `now` and store content (order ids skip ids already in the store).
 */
export function generateDemoData(store: FakeMiraklStore, options: DemoDataOptions): DemoDataSummary {
  const rng = new SeededRandom(options.seed ?? 1);
  const nowMs = (options.now ?? store.now()).getTime();
  const cap = Math.max(1, Math.min(MAX_MESSAGES, options.maxMessagesPerThread ?? MAX_MESSAGES));
  const threadTotal = Math.max(0, Math.floor(options.threads));
  const shopName = store.shop.shop_name;
  const texts: Texts = {
    followUps: CUSTOMER_FOLLOW_UPS,
    shopReplies: withShopName(SHOP_REPLIES, shopName),
    operator: OPERATOR_MESSAGES,
  };
  const toShop: MiraklParticipant[] = [store.shopParticipant];

  const orderCounter = { value: 20_000_001 };
  const customerCount = Math.max(6, Math.ceil(threadTotal / 4));
  const customers: DemoCustomer[] = [];
  for (let c = 0; c < customerCount; c++) customers.push(createCustomer(rng, store, nowMs, orderCounter));
  for (const customer of customers) for (const order of customer.orders) addOrderDocuments(store, order, customer.language);

  const generated: Array<{ thread: MiraklThread; updatedMs: number }> = [];
  let messageTotal = 0;
  let attachmentTotal = 0;

  for (let index = 0; index < threadTotal; index++) {
    const customer = rng.pick(customers);
    const order = rng.pick(customer.orders);
    const language = customer.language;
    const shopInitiated = rng.chance(0.07);
    const template = rng.pick(TOPICS);
    const topic: MiraklTopic = shopInitiated
      ? { type: 'FREE_TEXT', value: SHOP_TOPIC_LABEL[language] }
      : rng.chance(0.3)
        ? { type: 'REASON_CODE', value: template.reasonCode }
        : { type: 'FREE_TEXT', value: template.label[language] };
    const withOperator = rng.chance(0.08);
    const count = messageCountFor(index, threadTotal, rng, cap);
    const awaitingReply = rng.chance(0.35);

    // Who writes each message: mostly alternating, with follow-ups and a fixed last word.
    const senders: ParticipantType[] = [shopInitiated ? 'SHOP' : 'CUSTOMER'];
    for (let k = 1; k < count; k++) {
      const previous = senders[k - 1];
      senders.push(previous === 'CUSTOMER' ? (rng.chance(0.7) ? 'SHOP' : 'CUSTOMER') : rng.chance(0.85) ? 'CUSTOMER' : 'SHOP');
    }
    if (count > 1) senders[count - 1] = awaitingReply ? 'CUSTOMER' : 'SHOP';
    if (withOperator && count >= 3) senders[rng.int(1, count - 2)] = 'OPERATOR';

    // When: the latest message at a realistic age (see LATEST_MESSAGE_AGES), the earlier ones
    // laid out backwards from it, after the order and within the last 60 days.
    const orderCreatedMs = Date.parse(order.created_date);
    const earliestMs = Math.max(orderCreatedMs + HOUR_MS, nowMs - HISTORY_MS);
    const latestMs = nowMs - 5 * MINUTE_MS;
    const [youngestAgeMs, oldestAgeMs] = rng.weighted(LATEST_MESSAGE_AGES);
    const wantedEndMs = nowMs - (youngestAgeMs + Math.floor(rng.next() * (oldestAgeMs - youngestAgeMs)));
    // A recent order cannot have a conversation weeks old: its latest message is then anywhere since the order.
    const roomMs = count * 1000;
    const endMs =
      wantedEndMs - earliestMs >= roomMs
        ? Math.min(latestMs, wantedEndMs)
        : earliestMs + roomMs + Math.floor(rng.next() * Math.max(0, latestMs - earliestMs - roomMs));
    const typicalGapMs = (20 * MINUTE_MS + rng.next() * 30 * HOUR_MS) * (count > 50 ? 0.1 : 1);
    const gaps: number[] = [0];
    let gapSum = 0;
    for (let k = 1; k < count; k++) {
      const gap = typicalGapMs * (0.2 + 1.6 * rng.next());
      gaps.push(gap);
      gapSum += gap;
    }
    const scale = gapSum > 0 ? Math.min(1, Math.max(0, endMs - earliestMs - roomMs) / gapSum) : 1;
    // Messages are at least a second apart, in order, the last one at `endMs`.
    const times: number[] = new Array<number>(count);
    times[count - 1] = Math.floor(endMs / 1000) * 1000;
    for (let k = count - 1; k > 0; k--) times[k - 1] = times[k]! - Math.max(1000, Math.floor((gaps[k]! * scale) / 1000) * 1000);
    const customerLines = new CustomerLines(rng, language, texts.followUps[language], order.order_id);

    const authorized: MiraklParticipant[] = [store.shopParticipant, customer.participant];
    if (withOperator) authorized.push(store.operatorParticipant);
    const toCustomerAndShop = [customer.participant, store.shopParticipant];

    // Shapes the spec allows and real shops send: on every other thread, messages without
    // attachments leave the field out; on some, the order entity has no label.
    const sparse = index % 2 === 1;
    const messages: MiraklMessage[] = [];
    for (let k = 0; k < count; k++) {
      const atMs = times[k]!;
      const sender = senders[k]!;
      let body: string | null;
      let from: MiraklSender;
      let to: MiraklParticipant[];
      let attachments = NO_ATTACHMENTS;
      const attach = (attachment: MiraklAttachment): void => {
        attachments = attachments === NO_ATTACHMENTS ? [attachment] : [...attachments, attachment];
      };
      // A text that says a file is attached carries it.
      const say = (line: Line): string => {
        const file = fileOf(line);
        if (file) attach(attachmentFrom(rng, file));
        return textOf(line);
      };
      if (sender === 'CUSTOMER') {
        from = customer.sender;
        to = toShop;
        body = k === 0 ? say(rng.pick(template.openings[language])).replaceAll('{order}', order.order_id) : say(customerLines.next());
        if (rng.chance(0.05)) {
          attach(attachmentFrom(rng, rng.pick(CUSTOMER_ATTACHMENTS)));
          // A later file sent alone: Mirakl gives such a message a null body.
          if (k > 0 && rng.chance(0.3)) body = null;
        }
      } else if (sender === 'SHOP') {
        from = store.shopSender;
        to = customer.toCustomer;
        body = k === 0 ? SHOP_OPENINGS[language].replaceAll('{order}', order.order_id).replaceAll('{shop}', shopName) : say(rng.pick(texts.shopReplies[language]));
        if (rng.chance(0.03)) attach(attachmentFrom(rng, rng.pick(SHOP_ATTACHMENTS)));
      } else {
        from = store.operatorSender;
        to = toCustomerAndShop;
        body = rng.pick(texts.operator[language]);
      }
      attachmentTotal += attachments.length;
      const message: MiraklMessage = { id: rng.uuid(), body, date_created: formatMiraklDate(atMs), from, to };
      if (attachments.length > 0 || !sparse) message.attachments = attachments;
      messages.push(message);
    }

    const first = messages[0]!;
    const thread: MiraklThread = {
      id: rng.uuid(),
      topic,
      entities: [{ type: 'MMP_ORDER', id: order.order_id, label: index % 8 === 5 ? null : order.order_id }],
      authorized_participants: authorized,
      current_participants: deriveCurrentParticipants(authorized, messages),
      date_created: first.date_created,
      date_updated: '',
      metadata: deriveMetadata(messages),
      no_store_reply_needed: [],
      messages,
    };
    messageTotal += count;
    generated.push({ thread, updatedMs: times[count - 1]! });
  }

  // Distinct date_updated values (ms precision), so the generated history has no ties.
  const byUpdate = [...generated].sort((a, b) => a.updatedMs - b.updatedMs);
  for (let k = 1; k < byUpdate.length; k++) {
    const previous = byUpdate[k - 1]!;
    const current = byUpdate[k]!;
    if (current.updatedMs <= previous.updatedMs) current.updatedMs = previous.updatedMs + 1;
  }
  for (const { thread, updatedMs } of generated) {
    thread.date_updated = formatMiraklDate(updatedMs);
    store.importThread(thread);
  }

  return {
    threads: generated.length,
    messages: messageTotal,
    orders: customers.reduce((sum, c) => sum + c.orders.length, 0),
    customers: customers.length,
    attachments: attachmentTotal,
    longThreadIds: generated.filter((g) => g.thread.messages.length > 100).map((g) => g.thread.id),
    awaitingReplyThreadIds: generated.filter((g) => g.thread.metadata.shop_reply_needed_since !== null).map((g) => g.thread.id),
  };
}
