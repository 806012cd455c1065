package io.netsec.training;

import io.netsec.training.model.AdaBoostTrainer;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.RandomForestTrainer;
import io.netsec.training.model.Trainer;
import io.netsec.training.model.XGBoostTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The candidates a search compares. Each trainer runs single-threaded inside the search, since
 * the search already runs one fit per core.
 */
public final class SearchSpaces {

    private SearchSpaces() {
    }

    /**
     * The families a user can name with {@code --models}: each trainer's {@link Trainer#family()},
     * the name its manifests record.
     */
    public static final Set<String> FAMILIES = Set.of("random_forest", "xgboost", "logistic", "j48", AdaBoostTrainer.FAMILY);

    /** Names {@code --models} also takes for a family: {@code adaboost}, as the API and older help texts say. */
    private static final Map<String, String> ALIASES = Map.of("adaboost", AdaBoostTrainer.FAMILY);

    /**
     * A small grid per family: enough to matter, small enough to search the phishing data on two
     * cores in about ten seconds. One random forest of 50 trees, with Weka's own features per
     * split ({@code int(log2(features)) + 1}, so it follows the schema). Weka's forests and
     * boosted C4.5 trees cost most of the search: a second forest with a fixed 10 features per
     * split cost as much as the rest of the grid together and was never selected on the phishing
     * data (its mean ROC AUC differed from the first's by a standard error), and 50 trees instead
     * of 100 cost 30% less for a mean ROC AUC 0.0002 lower there (a third of a standard error),
     * while scoring twice as fast, which the one-standard-error rule rewards.
     */
    public static List<Trainer> standard() {
        List<Trainer> candidates = new ArrayList<>();
        candidates.add(new RandomForestTrainer(50, 0, 0, 1));
        candidates.add(new XGBoostTrainer(200, 6, 0.3, 1.0, 1.0, 1));
        candidates.add(new XGBoostTrainer(200, 4, 0.3, 1.0, 1.0, 1));
        candidates.add(new LogisticTrainer(1e-8));
        candidates.add(new J48Trainer(0.25, 2));
        candidates.add(new AdaBoostTrainer(10, new J48Trainer(0.25, 2)));
        return candidates;
    }

    /** The standard grid restricted to the named families (comma-separated, as the CLI takes them). */
    public static List<Trainer> standard(List<String> families) {
        if (families == null || families.isEmpty()) {
            return standard();
        }
        List<String> wanted = families.stream().map(f -> f.trim().toLowerCase(Locale.ROOT))
                .map(f -> ALIASES.getOrDefault(f, f)).toList();
        for (String family : wanted) {
            if (!FAMILIES.contains(family)) {
                throw new IllegalArgumentException("unknown model family '" + family + "'; known: "
                        + new java.util.TreeSet<>(FAMILIES));
            }
        }
        List<Trainer> chosen = standard().stream().filter(t -> wanted.contains(t.family())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no candidate of the families " + wanted + " is in the search space");
        }
        return chosen;
    }

    /**
     * {@link #standard(List)} for a schema whose label has families ({@code labelFamilies}): the
     * families that cannot train on them are left out of the default grid, and naming one is refused
     * with the reason; the multinomial logistic regression is left out of the default grid too (too
     * slow on one-hot inputs) but may be named.
     *
     * @throws IllegalArgumentException for an unknown family, or one that cannot train on families
     */
    public static List<Trainer> standard(List<String> families, boolean labelFamilies) {
        List<Trainer> chosen = standard(families);
        if (!labelFamilies) {
            return chosen;
        }
        if (families != null && !families.isEmpty()) {
            for (Trainer trainer : chosen) {
                if (!trainer.supportsFamilies()) {
                    throw new IllegalArgumentException("--models " + trainer.family() + " cannot train on the schema's"
                            + " attack families: " + AdaBoostTrainer.WHY_NO_FAMILIES);
                }
            }
            return chosen;
        }
        // Weka's multinomial Logistic (ridge 1e-8, no iteration bound) took minutes per fit on the
        // NSL-KDD sample's 122 one-hot inputs and 5 classes, so the default search left alone ran for
        // over 15 minutes: it stays available through --models logistic.
        return chosen.stream().filter(Trainer::supportsFamilies)
                .filter(trainer -> !(trainer instanceof LogisticTrainer)).toList();
    }
}
