// Reads a chain of pages (each page says how to read the next, like M11's next_page_token)
// ahead of the code consuming them: as soon as a page arrives its successor is asked for,
// until `depth` pages wait unconsumed. Reading and consuming overlap instead of taking
// turns, and memory stays bounded by `depth` pages.

export class ReadAhead<P> {
  private readonly buffered: Array<Promise<P>> = [];
  /** The last page requested; its successor is read once it arrives. */
  private last: Promise<P> | null = null;
  private reading = false;
  private ended = false;

  /**
   * @param read reads the page after `previous` (the first page when null)
   * @param hasNext whether a page has a successor
   */
  constructor(
    private readonly read: (previous: P | null) => Promise<P>,
    private readonly hasNext: (page: P) => boolean,
    private readonly depth: number,
  ) {
    if (depth < 1) throw new RangeError('depth must be at least 1');
  }

  /** The next page in order; rejects with the error of the read that failed. Call again only after it settles. */
  next(): Promise<P> {
    if (this.buffered.length === 0) {
      if (this.ended) return Promise.reject(new Error('ReadAhead: no page after the last one'));
      this.readNext();
    }
    const page = this.buffered.shift()!;
    this.readNext();
    return page;
  }

  /** Asks for the page after the last one requested, if it has a successor and there is room. */
  private readNext(): void {
    if (this.reading || this.ended || this.buffered.length >= this.depth) return;
    const previous = this.last;
    this.reading = true;
    const page = (previous ?? Promise.resolve(null)).then((p) => this.read(p));
    // Awaited by whoever takes it; a page read ahead and never taken (the pass stopped) must not be an unhandled rejection.
    page.catch(() => undefined);
    this.last = page;
    this.buffered.push(page);
    page.then(
      (p) => {
        this.reading = false;
        if (!this.hasNext(p)) this.ended = true;
        else this.readNext();
      },
      () => {
        this.reading = false;
        this.ended = true; // the consumer gets the error when it reaches this page
      },
    );
  }
}
