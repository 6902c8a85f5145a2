export { blob } from './blob.table';
export {
  type BlobStore,
  DatabaseBlobStore,
  discardStaged,
  FilesystemBlobStore,
  type StagedFile,
  stageStream,
} from './blob-store';
