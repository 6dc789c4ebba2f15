/** Stands in for Payload's Publish/Unpublish buttons: those steps belong to the workflow panel. */
export const NoButton = () => null
