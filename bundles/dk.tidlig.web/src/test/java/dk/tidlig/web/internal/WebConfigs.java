// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration annotations as DS would give them: every method its default, unless given here. */
final class WebConfigs {
    private WebConfigs() {
    }

    static WebConfig defaults() {
        return of(WebConfig.class, Map.of());
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            Object d = method.getDefaultValue();
            if (d == null) {
                throw new IllegalStateException(method.getName() + " has no default");
            }
            return d;
        }));
    }
}
