// The answers that are no object of the API: a page of a list, and the
// free-form metadata of an instance. (The objects themselves are in
// ./models, generated from the core's Rust types.)

/** One page of a list, exactly as the API answered it. */
export interface Page<T> {
  /** The items of this page. */
  items: T[]
  /** How many items the whole list has, across pages. */
  total_count: number
  /** This page's number (from 1). */
  page: number
  /** The page size the server used. */
  per_page: number
}

/** The free-form metadata an instance was created with. */
export type UserMetadata = Record<string, unknown>
