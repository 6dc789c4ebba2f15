import * as migration_20261127_084400_initial from './20261127_084400_initial';

export const migrations = [
  {
    up: migration_20261127_084400_initial.up,
    down: migration_20261127_084400_initial.down,
    name: '20261127_084400_initial'
  },
];
