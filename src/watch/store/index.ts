/** Where the watch state lives: one JSON file (one replica) or Redis (several replicas). */
export { createFileWatchStore, type FileWatchStoreOptions } from './file';
export { WatchStateFileError } from './file-state';
export { createRedisWatchStore, type RedisWatchStoreOptions } from './redis';
export { DEFAULT_BUFFER_SIZE } from './shape';
