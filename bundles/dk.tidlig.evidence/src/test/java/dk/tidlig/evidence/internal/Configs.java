// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration annotations as Declarative Services gives them: every method its default, unless given here. */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> method.getName()
                .equals("annotationType") ? type : values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue()));
    }
}
