// Said plainly while the inbox shows the built-in demo marketplace.
export function DemoBanner({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <span>You are looking at demo data — connect your Mirakl account in Settings.</span>
      <button type="button" className="button button--small demo-banner__button" onClick={onOpenSettings}>
        Open Settings
      </button>
    </div>
  );
}
