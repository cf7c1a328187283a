// Rolling a tier's copy of an artifact back to an earlier version of its history; the app shell
// opens the dialog from the History timeline and hands it the job tracker as props.
export { RollbackDialog } from './rollback-dialog';
