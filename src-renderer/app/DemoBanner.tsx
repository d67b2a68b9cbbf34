// Said plainly while the inbox shows the built-in demo marketplace.
export function DemoBanner({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    // A named region: every part of the page sits in a landmark, so screen readers can reach it.
    <section className="demo-banner" aria-label="Demo data" data-testid="demo-banner">
      <span>You are looking at demo data — connect your Mirakl account in Settings.</span>
      <button type="button" className="button button--small demo-banner__button" onClick={onOpenSettings}>
        Open Settings
      </button>
    </section>
  );
}
