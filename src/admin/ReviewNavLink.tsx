import React from 'react'

/** Sidebar link to the review queue. */
export const ReviewNavLink = () => (
  <a className="nav__link review-nav-link" href="/admin/review" data-testid="review-nav-link">
    Chờ tôi duyệt
  </a>
)
