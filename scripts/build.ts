/** `npm run build`: rebuilds the admin now (`npm start` also builds when its sources changed). */
import { ensureBuild } from '../src/server/build'
import { projectRoot } from '../src/server/environment'

await ensureBuild(projectRoot, { force: true })
