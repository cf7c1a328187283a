import { useState } from 'react';
import { Modal } from '../../components/modal';
import { Notice } from '../../components/states';
import { TextField } from '../../components/text-field';
import { createCollection } from './api/create-collection';
import { collectionNameProblem } from './collection-name';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';

interface CreateCollectionDialogProps extends JobFollowing {
  /** Why the dialog was opened when it was not asked for directly (e.g. adding needs a collection). */
  reason?: string;
  /** The collection exists now: the page reloads the workspace and selects it. */
  onCreated: (name: string) => void;
  onClose: () => void;
}

/** Create a collection: a name checked as the server checks it, the dry run's plan, then Create. */
export function CreateCollectionDialog({ reason, onCreated, onClose, ...following }: CreateCollectionDialogProps) {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const flow = usePlannedJob(following, () => onCreated(name));
  const local = collectionNameProblem(name);
  const server = flow.error && (flow.error.field === 'name' || flow.error.status === 409) ? flow.error.message : null;
  const fieldError = (touched && local) || server;
  const send = (dry: boolean) => () => createCollection(name, dry);

  return (
    <Modal
      title="Create a collection"
      onClose={onClose}
      footer={
        <PlannedJobFooter
          flow={flow}
          onClose={onClose}
          onPreview={() => void flow.preview(send(true), `create collection ${name}`)}
          previewDisabled={local !== null}
          applyLabel="Create"
          onApply={() => void flow.apply(send(false), `Create collection ${name}`)}
        />
      }
    >
      {reason && <Notice tone="info">{reason}</Notice>}
      <p className="muted">
        A collection is a folder of artifacts in SkillMeat’s layout (<code>collection.toml</code>, <code>collection.lock</code>) under
        the collections root. Nothing is written until you create it.
      </p>
      <TextField
        label="Name"
        value={name}
        disabled={flow.applied !== null}
        error={fieldError}
        hint={'Up to 128 characters; no “/”, “\\”, “..”, leading “.” or surrounding spaces.'}
        onChange={(value) => {
          setName(value);
          setTouched(true);
          flow.reset();
        }}
      />
      <PlannedJobStatus flow={flow} label={`Creating ${name}`} showError={!server} />
    </Modal>
  );
}
