import * as migration_20261127_083350_initial from './20261127_083350_initial';

export const migrations = [
  {
    up: migration_20261127_083350_initial.up,
    down: migration_20261127_083350_initial.down,
    name: '20261127_083350_initial'
  },
];
