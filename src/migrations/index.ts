import * as migration_20261127_090235_initial from './20261127_090235_initial';
import * as migration_20261127_092610_search_index from './20261127_092610_search_index';
import * as migration_20261127_092845_jobs_queue from './20261127_092845_jobs_queue';
import * as migration_20261127_112740_search_tables from './20261127_112740_search_tables';
import * as migration_20261127_161201_account_security from './20261127_161201_account_security';
import * as migration_20261127_185928_render_html_once from './20261127_185928_render_html_once';
import * as migration_20261127_190500_public_cache_notify from './20261127_190500_public_cache_notify';
import * as migration_20261127_192745_feed_consumers from './20261127_192745_feed_consumers';
import * as migration_20261127_203800_rerender_html from './20261127_203800_rerender_html';
import * as migration_20261128_020000_audit_keyed_chain from './20261128_020000_audit_keyed_chain';
import * as migration_20261128_021000_public_cache_published_only from './20261128_021000_public_cache_published_only';
import * as migration_20261128_021519_account_deactivation from './20261128_021519_account_deactivation';
import * as migration_20261128_060000_account_change_notify from './20261128_060000_account_change_notify';
import * as migration_20261128_142548_unit_import_audit from './20261128_142548_unit_import_audit';
import * as migration_20261128_143112_unit_merge_audit from './20261128_143112_unit_merge_audit';
import * as migration_20261128_145844_member_import from './20261128_145844_member_import';
import * as migration_20261128_150716_invitation_task from './20261128_150716_invitation_task';
import * as migration_20261128_151112_cell_secretary from './20261128_151112_cell_secretary';

export const migrations = [
  {
    up: migration_20261127_090235_initial.up,
    down: migration_20261127_090235_initial.down,
    name: '20261127_090235_initial',
  },
  {
    up: migration_20261127_092610_search_index.up,
    down: migration_20261127_092610_search_index.down,
    name: '20261127_092610_search_index',
  },
  {
    up: migration_20261127_092845_jobs_queue.up,
    down: migration_20261127_092845_jobs_queue.down,
    name: '20261127_092845_jobs_queue',
  },
  {
    up: migration_20261127_112740_search_tables.up,
    down: migration_20261127_112740_search_tables.down,
    name: '20261127_112740_search_tables',
  },
  {
    up: migration_20261127_161201_account_security.up,
    down: migration_20261127_161201_account_security.down,
    name: '20261127_161201_account_security',
  },
  {
    up: migration_20261127_185928_render_html_once.up,
    down: migration_20261127_185928_render_html_once.down,
    name: '20261127_185928_render_html_once',
  },
  {
    up: migration_20261127_190500_public_cache_notify.up,
    down: migration_20261127_190500_public_cache_notify.down,
    name: '20261127_190500_public_cache_notify',
  },
  {
    up: migration_20261127_192745_feed_consumers.up,
    down: migration_20261127_192745_feed_consumers.down,
    name: '20261127_192745_feed_consumers',
  },
  {
    up: migration_20261127_203800_rerender_html.up,
    down: migration_20261127_203800_rerender_html.down,
    name: '20261127_203800_rerender_html',
  },
  {
    up: migration_20261128_020000_audit_keyed_chain.up,
    down: migration_20261128_020000_audit_keyed_chain.down,
    name: '20261128_020000_audit_keyed_chain',
  },
  {
    up: migration_20261128_021000_public_cache_published_only.up,
    down: migration_20261128_021000_public_cache_published_only.down,
    name: '20261128_021000_public_cache_published_only',
  },
  {
    up: migration_20261128_021519_account_deactivation.up,
    down: migration_20261128_021519_account_deactivation.down,
    name: '20261128_021519_account_deactivation',
  },
  {
    up: migration_20261128_060000_account_change_notify.up,
    down: migration_20261128_060000_account_change_notify.down,
    name: '20261128_060000_account_change_notify',
  },
  {
    up: migration_20261128_142548_unit_import_audit.up,
    down: migration_20261128_142548_unit_import_audit.down,
    name: '20261128_142548_unit_import_audit',
  },
  {
    up: migration_20261128_143112_unit_merge_audit.up,
    down: migration_20261128_143112_unit_merge_audit.down,
    name: '20261128_143112_unit_merge_audit',
  },
  {
    up: migration_20261128_145844_member_import.up,
    down: migration_20261128_145844_member_import.down,
    name: '20261128_145844_member_import',
  },
  {
    up: migration_20261128_150716_invitation_task.up,
    down: migration_20261128_150716_invitation_task.down,
    name: '20261128_150716_invitation_task',
  },
  {
    up: migration_20261128_151112_cell_secretary.up,
    down: migration_20261128_151112_cell_secretary.down,
    name: '20261128_151112_cell_secretary'
  },
];
