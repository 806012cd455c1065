/**
 * The portable model as data: {@link io.netsec.core.model.TreeEnsemble} and
 * {@link io.netsec.core.model.LinearModel} (threat or benign), {@link io.netsec.core.model.ClassTrees}
 * and {@link io.netsec.core.model.ClassLinear} (a {@link io.netsec.core.model.ClassModel}: the
 * benign class and attack families), plain arrays of numbers as a bundle's
 * {@code model.json} holds them, each checked when built and with one reference walk
 * ({@link io.netsec.core.model.PortableModel#threatProbability}) and its explanation. Nothing here
 * is derived for speed: the reference walk is the oracle every compiled plan of
 * {@link io.netsec.core.engine} is tested against.
 *
 * <p>A new model family is a data class here (a JSON kind in {@code PortableModel}'s sub-types and
 * in the bundle's reader), its checks, and its reference walk; a faster plan is optional, in the
 * engine.
 */
package io.netsec.core.model;
