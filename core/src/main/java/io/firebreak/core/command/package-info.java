/**
 * The runbook's command rules (DESIGN §5): whether a person's or automation's command may apply to an incident, and
 * why not ({@link io.firebreak.core.command.CommandRules}). Ingest asks them to answer 400/409 at once, the correlation
 * topology to decide for good and record a rejection in the timeline; both ask the same function, so the two answers
 * agree (ingest's read model may only lag).
 */
package io.firebreak.core.command;
