/**
 * The conversion between Java objects and the JSON values tasks carry, with the
 * application's Jackson mapper.
 */
@NullMarked
package io.qtasks.json;

import org.jspecify.annotations.NullMarked;
