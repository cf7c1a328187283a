import type { ReactNode } from 'react';
import { CheckedAt } from '../../components/checked-at';
import { PolicyBadges } from '../../components/policy-badges';
import { StatusBadge } from '../../components/status-badge';
import { ErrorState, Loading } from '../../components/states';
import { ACTION_LABELS, availableActions, type ArtifactAction } from '../../lib/artifact-actions';
import { useNow } from '../../lib/use-now';
import type { Scope } from '../../types/scope';
import type { RollbackTier, VersionPick } from '../../types/api';
import { useVersions } from './api/get-versions';
import { HistoryTimeline } from './history-timeline';
import { PolicyEditor } from './policy-editor';
import { TierCard } from './tier-card';

interface ArtifactDetailProps {
  artifactId: string;
  scope: Scope;
  reloadKey: number;
  onSync: () => void;
  onPush: () => void;
  onAction: (action: ArtifactAction) => void;
  onClose: () => void;
  /** The artifact's policy was changed here: the list shows it too. */
  onPolicyChanged: () => void;
  /** Below the upstream card's facts when the artifact has an upstream, composed by the page. */
  upstreamExtra?: ReactNode;
  /** The diff of two entries picked in the history, composed by the page. */
  historyDiff?: (lhs: VersionPick, rhs: VersionPick) => ReactNode;
  /** "Roll back to this version" on an entry of the history. */
  onRollback?: (tier: RollbackTier, hash: string) => void;
  /** The diff section, composed by the page. */
  children: ReactNode;
}

/** One artifact: its version in each tier, both edges' status, actions, its history and the diff below. */
export function ArtifactDetail({ artifactId, scope, reloadKey, onSync, onPush, onAction, onClose, onPolicyChanged, upstreamExtra, historyDiff, onRollback, children }: ArtifactDetailProps) {
  const versions = useVersions(artifactId, scope, reloadKey);
  const now = useNow();
  const v = versions.data;
  const canPush = Boolean(scope.projectPath && v?.project && v?.upstream);
  const actions = v ? availableActions({ inCollection: v.collection !== null, inProject: Boolean(scope.projectPath && v.project), hasUpstream: v.upstream !== null }) : [];
  return (
    <section className="panel detail" aria-labelledby="detail-heading">
      <div className="panel-header">
        <h2 id="detail-heading">
          {artifactId} {v && <StatusBadge status={v.status.overall} />} <PolicyBadges policy={v?.policy} />
        </h2>
        <div className="panel-actions">
          <button type="button" className="btn btn-primary" onClick={onSync}>
            Sync / Update
          </button>
          <button
            type="button"
            className="btn"
            onClick={onPush}
            disabled={!canPush}
            title={canPush ? 'Export the project version as a patch against upstream' : 'Needs a project holding the artifact, and an upstream'}
          >
            Push upstream
          </button>
          {actions.map((a) => (
            <button key={a} type="button" className="btn" onClick={() => onAction(a)}>
              {ACTION_LABELS[a].replace('…', '')}
            </button>
          ))}
          <button type="button" className="btn btn-ghost" aria-label="Close details" onClick={onClose}>
            ✕
          </button>
        </div>
      </div>
      {versions.error && !v ? (
        <ErrorState message={`Could not load the versions: ${versions.error}`} onRetry={versions.reload} />
      ) : !v ? (
        <Loading label="Loading versions…" />
      ) : (
        <>
          {v.upstream_error && (
            <p className="form-error" role="alert">
              Upstream unreadable: {v.upstream_error}
            </p>
          )}
          <div className="tier-cards">
            <TierCard tier="upstream" version={v.upstream} absentNote="No upstream for this artifact.">
              {v.upstream?.checked_at !== undefined && <CheckedAt at={v.upstream.checked_at} now={now} />}
              {v.collection && upstreamExtra}
            </TierCard>
            <div className="edge" aria-label="Upstream to collection status">
              <span aria-hidden="true">→</span>
              <StatusBadge status={v.status.upstream_to_collection} reason={v.status.upstream_to_collection_reason} />
              <small className="muted">{v.status.upstream_to_collection_reason}</small>
            </div>
            <TierCard tier="collection" version={v.collection} absentNote="Not in the collection yet." />
            <div className="edge" aria-label="Collection to project status">
              <span aria-hidden="true">→</span>
              <StatusBadge status={v.status.collection_to_project} reason={v.status.collection_to_project_reason} />
              <small className="muted">{v.status.collection_to_project_reason ?? (scope.projectPath ? '' : 'no project selected')}</small>
            </div>
            <TierCard tier="project" version={v.project} absentNote={scope.projectPath ? 'Not deployed in this project.' : 'Select a project to compare.'} />
          </div>
          {v.collection && v.policy && (
            <PolicyEditor
              artifactId={artifactId}
              collection={scope.collection}
              policy={v.policy}
              onChanged={() => {
                versions.reload();
                onPolicyChanged();
              }}
            />
          )}
          {children}
          <HistoryTimeline artifactId={artifactId} scope={scope} reloadKey={reloadKey} renderDiff={historyDiff} onRollback={onRollback} />
        </>
      )}
    </section>
  );
}
