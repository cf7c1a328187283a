// The collection lifecycle: the app shell composes these into the page (create, add from Git,
// pin/bump, remove, undeploy, adopt) and hands them the job tracker as props.
export { AddFromGitDialog } from './add-from-git-dialog';
export { AdoptDialog } from './adopt-dialog';
export { CreateCollectionDialog } from './create-collection-dialog';
export { GettingStarted } from './getting-started';
export { PinDialog } from './pin-dialog';
export { RemoveDialog } from './remove-dialog';
export { UndeployDialog } from './undeploy-dialog';
export { UpstreamBehind } from './upstream-behind';
