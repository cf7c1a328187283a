import { useState } from 'react';
import { Modal } from '../../components/modal';
import { TextField } from '../../components/text-field';
import { ErrorState, Loading } from '../../components/states';
import { ApiError, errorMessage } from '../../lib/api-client';
import { pluralize } from '../../lib/format';
import type { UpstreamListing } from '../../types/api';
import { addArtifacts } from './api/add-artifacts';
import { browseUpstream } from './api/browse-upstream';
import { UpstreamTable } from './upstream-table';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';

interface AddFromGitDialogProps extends JobFollowing {
  collection: string;
  /** The artifact ids the collection lists already. */
  existingIds: readonly string[];
  onClose: () => void;
}

type Field = 'url' | 'ref';

interface BrowseError {
  field: Field | null;
  message: string;
}

/** Why a browse failed, on the field at fault: 400 names url or ref; 502 and 504 are the host's. */
function browseError(e: unknown): BrowseError {
  if (!(e instanceof ApiError)) {
    return { field: null, message: errorMessage(e) };
  }
  const field = e.problem?.field === 'ref' ? 'ref' : e.problem?.field === 'url' || e.status === 502 || e.status === 504 ? 'url' : null;
  const prefix = e.status === 502 ? 'The repository host could not be reached: ' : e.status === 504 ? 'The repository took too long to answer: ' : '';
  return { field, message: `${prefix}${e.message}` };
}

/** Add from a Git repository: list what it holds, pick artifacts, see the plan, then add them. */
export function AddFromGitDialog({ collection, existingIds, onClose, ...following }: AddFromGitDialogProps) {
  const [url, setUrl] = useState('');
  const [ref, setRef] = useState('');
  const [listing, setListing] = useState<UpstreamListing | null>(null);
  const [browsing, setBrowsing] = useState(false);
  const [browseFailure, setBrowseFailure] = useState<BrowseError | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const flow = usePlannedJob(following);
  const existing = new Set(existingIds);
  const chosen = listing?.items.filter((i) => selected.has(i.artifact_id)) ?? [];
  const what = pluralize(chosen.length, 'artifact');

  async function browse() {
    setBrowsing(true);
    setBrowseFailure(null);
    setListing(null);
    setSelected(new Set());
    flow.reset();
    try {
      setListing(await browseUpstream(url.trim(), ref.trim()));
    } catch (e) {
      setBrowseFailure(browseError(e));
    } finally {
      setBrowsing(false);
    }
  }

  // The listing's url and ref as the user gave them: the collection follows that ref, or the
  // default branch (`latest`) when none was given.
  const send = (dry: boolean) => () =>
    addArtifacts(collection, {
      upstream: url.trim(),
      ref: ref.trim() || undefined,
      artifacts: chosen.map((i) => ({ path: i.path, type: i.type, name: i.name })),
      dry_run: dry,
    });

  const fieldError = (field: Field) => (browseFailure?.field === field ? browseFailure.message : null);

  return (
    <Modal
      title="Add from a Git repository"
      onClose={onClose}
      wide
      footer={
        <PlannedJobFooter
          flow={flow}
          onClose={onClose}
          onPreview={() => void flow.preview(send(true), `add ${what} to ${collection}`)}
          previewDisabled={chosen.length === 0}
          applyLabel={`Add ${what}`}
          onApply={() => void flow.apply(send(false), `Add ${what} to ${collection}`)}
        />
      }
    >
      <p className="muted">
        Into collection <strong>{collection}</strong>. Nothing is written until you add the previewed artifacts.
      </p>
      <form
        className="browse-form"
        onSubmit={(e) => {
          e.preventDefault();
          void browse();
        }}
      >
        <TextField
          label="Repository URL"
          value={url}
          placeholder="https://github.com/owner/repo, git@host:repo.git, or a local path"
          disabled={flow.applied !== null}
          error={fieldError('url')}
          grow
          onChange={setUrl}
        />
        <TextField
          label="Ref (optional)"
          value={ref}
          placeholder="default branch"
          disabled={flow.applied !== null}
          error={fieldError('ref')}
          onChange={setRef}
        />
        <button type="submit" className="btn" disabled={url.trim() === '' || browsing || flow.applied !== null}>
          Browse
        </button>
      </form>
      {browseFailure && browseFailure.field === null && <ErrorState message={browseFailure.message} />}
      {browsing && <Loading label="Reading the repository…" />}
      {listing && !flow.applied && (
        <>
          <p className="small muted">
            <code>{listing.repository}</code> at <code>{listing.ref}</code> ({listing.commit.slice(0, 12)})
          </p>
          <UpstreamTable
            items={listing.items}
            existing={existing}
            selected={selected}
            onChange={(next) => {
              setSelected(next);
              flow.reset();
            }}
          />
        </>
      )}
      <PlannedJobStatus flow={flow} label={`Adding ${what}`} />
    </Modal>
  );
}
