interface GettingStartedProps {
  /** The selected collection, or null when the workspace has none. */
  collection: string | null;
  onCreate: () => void;
  onAddFromGit: () => void;
}

/** The empty state: no collection yet, or a collection without artifacts. */
export function GettingStarted({ collection, onCreate, onAddFromGit }: GettingStartedProps) {
  return (
    <div className="state state-empty getting-started">
      <p className="state-title">{collection ? `Collection ${collection} has no artifacts yet.` : 'There is no collection yet.'}</p>
      <p className="muted">
        {collection
          ? 'Add skills, commands and agents from a Git repository, or start another collection.'
          : 'A collection holds the artifacts your projects use. Create an empty one, or start from a Git repository.'}
      </p>
      <div className="getting-started-actions">
        <button type="button" className={collection ? 'btn' : 'btn btn-primary'} onClick={onCreate}>
          Create a collection
        </button>
        <button type="button" className={collection ? 'btn btn-primary' : 'btn'} onClick={onAddFromGit}>
          Add from a Git repository
        </button>
      </div>
    </div>
  );
}
