import * as migration_20261127_083827_initial from './20261127_083827_initial';

export const migrations = [
  {
    up: migration_20261127_083827_initial.up,
    down: migration_20261127_083827_initial.down,
    name: '20261127_083827_initial'
  },
];
